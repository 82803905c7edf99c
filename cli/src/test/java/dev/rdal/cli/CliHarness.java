package dev.rdal.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs command lines in this JVM, as {@code rdal} would, sharing one set of stores across runs (so
 * {@code memory:} keeps its content from one command to the next), with a given environment and working
 * directory. Closes the stores at the end.
 */
final class CliHarness implements AutoCloseable {

  /** What one run printed and returned. */
  record Result(int code, String out, String err, byte[] outBytes) {}

  final Stores stores = new Stores();
  final Map<String, String> env = new HashMap<>();
  final Path cwd;

  CliHarness(Path cwd) {
    this.cwd = cwd;
    env.put("HOME", cwd.toString());
    env.put("XDG_CONFIG_HOME", cwd.resolve("config").toString());
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Rdal.run(args, new CliContext(o, e, Map.copyOf(env), cwd, stores));
    o.flush();
    e.flush();
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        out.toByteArray());
  }

  @Override
  public void close() {
    stores.close();
  }
}
