package dev.rdal.cli;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdal rm}: deletes a file, or a directory and everything below it with {@code -r}. */
@Command(name = "rm", description = "Delete a file, or a directory with -r.")
final class RmCommand extends StoreCommand {

  @Option(names = "-r", description = "Delete a directory and everything below it.")
  boolean recursive;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "What to delete.")
  String location;

  @Override
  void run() {
    Location loc = location(location);
    Operator op = operator(loc);
    ObjectMeta m = CopyPlanner.statSource(op, loc);
    if (m.directory() && !recursive) {
      throw CliFailure.of(ErrorKind.IS_A_DIRECTORY, loc.display(), "is a directory; use -r to delete it");
    }
    if (m.directory() && "/".equals(m.path())) {
      throw CliFailure.of(ErrorKind.INVALID_INPUT, loc.display(), "will not delete a store's root");
    }
    try {
      (m.directory() ? op.deleteRecursive(m.path()) : op.delete(m.path())).block();
    } catch (RuntimeException e) {
      throw CliFailure.at(loc.display(), e);
    }
    verbose("deleted " + loc.display());
  }
}
