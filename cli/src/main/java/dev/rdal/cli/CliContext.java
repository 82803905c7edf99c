package dev.rdal.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the command works with: its streams, environment and working directory, and the stores it
 * has opened.
 */
final class CliContext {

  final PrintStream out;
  final PrintStream err;
  final Map<String, String> env;
  final Path workingDirectory;
  final Stores stores;
  private Profiles profiles;
  private Path configFile;

  CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory, Stores stores) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.workingDirectory = workingDirectory;
    this.stores = stores;
  }

  void configFile(Path file) {
    this.configFile = file;
  }

  /** The profiles, read on first use (a run that names no profile never reads the file). */
  synchronized Profiles profiles() {
    if (profiles == null) {
      Path file = configFile;
      if (file == null && env.get("RDAL_CONFIG") != null) {
        file = Path.of(env.get("RDAL_CONFIG"));
      }
      profiles = Profiles.load(file != null ? file : Profiles.defaultFile(env), env);
    }
    return profiles;
  }

  Location parse(String text) {
    return new Locations(this::profiles, workingDirectory).parse(text);
  }
}
