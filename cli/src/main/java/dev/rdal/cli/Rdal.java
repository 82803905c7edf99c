package dev.rdal.cli;

import dev.rdal.ErrorKind;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code rdal} command: every store from the terminal. Locations are {@code memory:/path},
 * {@code fs:///abs/path}, {@code s3://bucket/key?region=...}, {@code <profile>:/path} or a local path;
 * profiles live in {@code $XDG_CONFIG_HOME/rdal/config.toml}. Exit codes: {@code 0} ok, {@code 1} usage,
 * {@code 2..13} one per error kind, {@code 130} after Ctrl-C (see the module's README).
 */
@Command(name = "rdal", mixinStandardHelpOptions = true, versionProvider = Rdal.Version.class,
    description = "Every store from the terminal: local files, memory, S3 and profiles of "
        + "$XDG_CONFIG_HOME/rdal/config.toml.",
    subcommands = {LsCommand.class, CatCommand.class, StatCommand.class, CpCommand.class, MvCommand.class,
        RmCommand.class, MkdirCommand.class, PresignCommand.class, BenchCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:usage", "2:not found", "3:already exists", "4:permission denied",
        "5:range not satisfiable", "6:condition not met", "7:is a directory", "8:not a directory",
        "9:invalid input", "10:rate limited", "11:unsupported", "12:config invalid", "13:unexpected",
        "130:interrupted (Ctrl-C)"})
public final class Rdal implements java.util.concurrent.Callable<Integer> {

  @Option(names = {"-v", "--verbose"}, description = "Print what is opened and done on stderr (never secrets).")
  boolean verbose;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The profiles file (default $XDG_CONFIG_HOME/rdal/config.toml or ~/.config/rdal/config.toml).")
  Path config;

  private final CliContext context;

  private Rdal(CliContext context) {
    this.context = context;
  }

  /**
   * Runs the command and exits the JVM with its status once stdout and stderr are flushed.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
        false);
    int code;
    try (Stores stores = new Stores()) {
      code = run(args, new CliContext(out, System.err, System.getenv(), Path.of("").toAbsolutePath(), stores));
    }
    out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** Runs one command line in {@code context} and returns its exit status; the stores stay open. */
  static int run(String[] args, CliContext context) {
    Rdal root = new Rdal(context);
    CommandLine cmd = new CommandLine(root);
    cmd.setOut(new java.io.PrintWriter(context.out, true));
    cmd.setErr(new java.io.PrintWriter(context.err, true));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler((e, line, parsed) -> {
      CliFailure f = e instanceof CliFailure c ? c : CliFailure.at(null, e);
      context.out.flush();
      context.err.println(f.line());
      if (root.verbose && f.getCause() != null && f.kind() == ErrorKind.UNEXPECTED) {
        context.err.println("rdal: cause: " + f.getCause());
      }
      return f.exitCode();
    });
    cmd.setParameterExceptionHandler((e, a) -> {
      context.err.println("rdal: " + e.getMessage());
      context.err.println("Usage: " + e.getCommandLine().getCommandSpec().qualifiedName()
          + " --help for the options");
      return ExitCodes.USAGE;
    });
    int code = cmd.execute(args);
    context.out.flush();
    return code;
  }

  CliContext context() {
    if (config != null) {
      context.configFile(config);
    }
    if (verbose) {
      context.stores.verbose(context.err);
    }
    return context;
  }

  /**
   * Without a command: says which exist.
   *
   * @return the usage status
   */
  @Override
  public Integer call() {
    context.err.println("rdal: a command is needed: ls, cat, stat, cp, mv, rm, mkdir, presign or bench "
        + "(rdal --help)");
    return ExitCodes.USAGE;
  }

  /** The version, from the jar's manifest when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Rdal.class.getPackage().getImplementationVersion();
      return new String[] {"rdal " + (v != null ? v : "(development build)")};
    }
  }
}
