package dev.rdal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the command's main in a child JVM on this test JVM's class path, as the launcher does. */
final class ChildCli {

  private ChildCli() {}

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The command line of {@code rdal args} with extra JVM options. */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Rdal.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Process start(Path cwd, List<String> jvmOptions, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(jvmOptions, args)).directory(cwd.toFile());
    pb.environment().put("XDG_CONFIG_HOME", cwd.resolve("config").toString());
    return pb.start();
  }
}
