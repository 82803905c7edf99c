package dev.rdal.cli;

import dev.rdal.Operator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the run's context and the {@code --verbose} flag. */
abstract class StoreCommand implements Callable<Integer> {

  @ParentCommand
  Rdal root;

  @Option(names = {"-v", "--verbose"}, description = "Print what is opened and done on stderr (never secrets).")
  boolean verbose;

  CliContext cli() {
    if (verbose) {
      root.verbose = true;
    }
    return root.context();
  }

  Location location(String text) {
    return cli().parse(text);
  }

  Operator operator(Location location) {
    return cli().stores.operator(location);
  }

  void verbose(String line) {
    if (verbose || root.verbose) {
      cli().err.println("rdal: " + line);
    }
  }

  @Override
  public final Integer call() {
    run();
    return ExitCodes.OK;
  }

  /** Does the command's work; failures are {@link CliFailure}s naming their location. */
  abstract void run();
}
