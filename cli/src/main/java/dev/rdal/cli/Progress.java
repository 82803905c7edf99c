package dev.rdal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * Draws {@link TransferStats} on the terminal, redrawn in place by JLine's {@link Display} every
 * {@link #REFRESH_MILLIS} ms on a thread of its own, and once more, final, when the copy ends. Made by
 * {@link #open(Mode, OutputStream, TransferStats)}, which draws nothing unless stdout is a terminal (or
 * {@code always} is asked for).
 */
abstract class Progress implements AutoCloseable {

  /** How often the display is redrawn. */
  static final long REFRESH_MILLIS = 500;

  /** The {@code --progress} choices. */
  enum Mode { AUTO, ALWAYS, NEVER }

  /** Ends the display: draws the final state (when {@code finalDraw}) and leaves the cursor below it. */
  abstract void finish(boolean finalDraw);

  @Override
  public void close() {
    finish(false);
  }

  static Progress open(Mode mode, OutputStream out, TransferStats stats) {
    if (mode == Mode.NEVER) {
      return none();
    }
    Terminal terminal = Terminals.systemOrNull();
    if (terminal == null && mode == Mode.ALWAYS) {
      try {
        terminal = TerminalBuilder.builder().system(false).streams(InputStream.nullInputStream(), out).type("ansi")
            .size(Size.of(100, 24)).nativeSignals(false).build();
      } catch (IOException e) {
        terminal = null;
      }
    }
    if (terminal == null) {
      return none();
    }
    return new Drawn(terminal, stats);
  }

  static Progress none() {
    return new Progress() {
      @Override
      void finish(boolean finalDraw) {
        // nothing was drawn
      }
    };
  }

  /** The JLine display and its refresh thread. */
  private static final class Drawn extends Progress {
    private final Terminal terminal;
    private final TransferStats stats;
    private final Display display;
    private final ScheduledExecutorService ticker;
    private boolean finished;

    Drawn(Terminal terminal, TransferStats stats) {
      this.terminal = terminal;
      this.stats = stats;
      this.display = new Display(terminal, false);
      this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rdal-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleWithFixedDelay(this::draw, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void draw() {
      if (finished) {
        return;
      }
      Size size = terminal.getSize();
      int cols = size != null && size.getColumns() > 0 ? size.getColumns() : 100;
      int rows = size != null && size.getRows() > 0 ? size.getRows() : 24;
      display.resize(Size.of(cols, rows));
      List<AttributedString> lines = ProgressView.lines(stats, cols).stream().map(AttributedString::new).toList();
      display.update(lines, -1);
      terminal.flush();
    }

    @Override
    void finish(boolean finalDraw) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        if (finished) {
          return;
        }
        if (finalDraw) {
          draw();
        }
        finished = true;
        terminal.writer().println();
        terminal.flush();
        try {
          terminal.close();
        } catch (IOException e) {
          // the display is gone either way
        }
      }
    }
  }
}
