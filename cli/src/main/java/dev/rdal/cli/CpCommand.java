package dev.rdal.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Mono;

/** {@code rdal cp}: copies files between any two locations, streamed with bounded memory. */
@Command(name = "cp", description = "Copy a file, or a directory with -r, between any two locations.")
final class CpCommand extends StoreCommand {

  @Option(names = "-r", description = "Copy a directory and everything below it.")
  boolean recursive;

  @Mixin
  CopyFlags flags;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "What to copy.")
  String source;

  @Parameters(index = "1", paramLabel = "TARGET",
      description = "Where to: a file path, or a directory (ending in / or existing).")
  String target;

  @Override
  void run() {
    Location from = location(source);
    Location to = location(target);
    for (Transfer t : new CopyRun(cli(), flags).copy(from, to, recursive, Mono.empty())) {
      if (!flags.dryRun) {
        verbose("copied " + t.source().display() + " -> " + t.target().display());
      }
    }
  }
}
