package dev.rdal.cli;

import dev.rdal.ObjectMeta;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdal stat}: one object's or directory's metadata. */
@Command(name = "stat", description = "Show an object's or a directory's metadata.")
final class StatCommand extends StoreCommand {

  @Option(names = "--json", description = "One JSON object on one line.")
  boolean json;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The object or directory.")
  String location;

  @Override
  void run() {
    Location loc = location(location);
    ObjectMeta m = CopyPlanner.statSource(operator(loc), loc);
    PrintStream out = cli().out;
    if (json) {
      out.println(JsonLines.entry(m, loc.display()));
      return;
    }
    out.println("location:     " + loc.display());
    out.println("path:         " + m.path());
    out.println("type:         " + (m.directory() ? "dir" : "file"));
    if (!m.directory()) {
      out.println("size:         " + m.size() + " (" + Sizes.bytes(m.size()) + ")");
    }
    if (m.lastModified() != null) {
      out.println("modified:     " + m.lastModified());
    }
    if (m.etag() != null) {
      out.println("etag:         " + m.etag());
    }
    if (m.contentType() != null) {
      out.println("content-type: " + m.contentType());
    }
    m.userMetadata().forEach((k, v) -> out.println("meta:         " + k + "=" + v));
  }
}
