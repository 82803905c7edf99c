package dev.rdal.cli;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdal ls}: a directory's entries, streamed as they are listed (the first line prints at once). */
@Command(name = "ls", description = "List a directory's entries (lazily: the first line prints at once).")
final class LsCommand extends StoreCommand {

  @Option(names = "-r", description = "Everything below the directory.")
  boolean recursive;

  @Option(names = "-l", description = "Size, modification time and name.")
  boolean longFormat;

  @Option(names = "--json", description = "One JSON object per entry and line.")
  boolean json;

  @Parameters(index = "0", defaultValue = ".", paramLabel = "LOCATION", description = "What to list (default .).")
  String location;

  @Override
  void run() {
    Location loc = location(location);
    Operator op = operator(loc);
    PrintStream out = cli().out;
    String dir = loc.namesDirectory() ? loc.storePath() : loc.path() + "/";
    long printed = 0;
    try {
      for (ObjectMeta m : op.list(dir, ListOptions.defaults().withRecursive(recursive)).toIterable(256)) {
        print(out, m, "/".equals(dir) ? "" : dir);
        if (++printed == 1 || printed % CliDefaults.LIST_FLUSH_EVERY == 0) {
          out.flush();
        }
      }
    } catch (RuntimeException e) {
      if (!dev.rdal.RdalException.isKind(e, ErrorKind.NOT_A_DIRECTORY)) {
        throw CliFailure.at(loc.display(), e);
      }
    }
    if (printed == 0) {
      // an empty listing: a file is listed as itself, a missing path is an error, an empty directory prints nothing
      ObjectMeta m = CopyPlanner.statSource(op, loc);
      if (!m.directory()) {
        int slash = m.path().lastIndexOf('/');
        print(out, m, slash < 0 ? "" : m.path().substring(0, slash + 1));
      }
    }
    out.flush();
  }

  private void print(PrintStream out, ObjectMeta m, String dir) {
    if (json) {
      out.println(JsonLines.entry(m));
      return;
    }
    String name = m.path().startsWith(dir) ? m.path().substring(dir.length()) : m.path();
    if (longFormat) {
      String when = m.lastModified() != null ? m.lastModified().truncatedTo(ChronoUnit.SECONDS).toString() : "-";
      out.println(String.format(Locale.ROOT, "%12s  %-20s  %s", m.directory() ? "-" : Long.toString(m.size()), when, name));
    } else {
      out.println(name);
    }
  }
}
