package dev.rdal.cli;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The system terminal (JLine), when stdout is one. */
final class Terminals {

  private Terminals() {}

  /**
   * The system terminal, or null when stdout is not a terminal. {@link System#console()} rules out most
   * redirections cheaply on Java 17; later JDKs may hand out a console for redirected streams, so JLine's
   * answer (a dumb terminal) decides.
   */
  static Terminal systemOrNull() {
    if (System.console() == null) {
      return null;
    }
    try {
      // No native signal handlers: Ctrl-C must reach the JVM's own handler, which runs the cancel hook.
      Terminal t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysOut)
          .nativeSignals(false).graphemeCluster(false).dumb(true).build();
      if (t.getType() == null || t.getType().startsWith(Terminal.TYPE_DUMB)) {
        t.close();
        return null;
      }
      return t;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
