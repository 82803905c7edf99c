package dev.rdal.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rdal mkdir}: creates a directory and its missing parents. */
@Command(name = "mkdir", description = "Create a directory and its missing parents.")
final class MkdirCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The directory.")
  String location;

  @Override
  void run() {
    Location loc = location(location);
    try {
      operator(loc).createDir(loc.storePath()).block();
    } catch (RuntimeException e) {
      throw CliFailure.at(loc.display(), e);
    }
    verbose("created " + loc.display());
  }
}
