package dev.rdal.benchmarks.fs;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.RdalSchedulers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.scheduler.Scheduler;

/**
 * The implementations the fs suites compare, by id. {@code raw} is the reference every ratio is taken
 * against; {@code raw_handoff} is the same loop run on one other thread, the ceiling of any policy that
 * keeps IO off the caller's thread. The rdal ids exist only when the fs backend is on the class path; {@link #main} prints the
 * ids available in this build, comma-separated, for the runner.
 */
public final class Implementations {

  /** The reference implementation's id. */
  public static final String REFERENCE = "raw";

  private static final List<String> PEERS = List.of("raw", "raw_handoff", "spring", "opendal_blocking", "opendal_async");
  private static final List<String> RDAL = List.of("rdal_external", "rdal_global", "rdal_dedicated", "rdal_custom",
      "rdal_external_lent", "rdal_global_lent", "rdal_dedicated_lent", "rdal_custom_lent");

  private Implementations() {}

  /** Every id this build can run. */
  public static List<String> available() {
    List<String> out = new ArrayList<>(PEERS);
    if (Operator.knownSchemes().contains("fs")) {
      out.addAll(RDAL);
    }
    return out;
  }

  /**
   * Creates implementation {@code id} over {@code root}. {@code rdalConfig} ({@code key=value;...}) adds
   * fs backend config keys to the rdal ids and is ignored by the others.
   */
  public static FsImplementation create(String id, Path root, String rdalConfig) {
    Map<String, String> config = parseConfig(rdalConfig);
    switch (id) {
      case "raw":
        return new RawFileChannel(root);
      case "raw_handoff":
        return new RawHandOff(root);
      case "spring":
        return new SpringDataBuffers(root);
      case "opendal_blocking":
        return new OpenDalBlocking(root);
      case "opendal_async":
        return new OpenDalAsync(root);
      default:
        break;
    }
    if (!RDAL.contains(id)) {
      throw new IllegalArgumentException("unknown implementation '" + id + "'; known: " + available());
    }
    boolean lent = id.endsWith("_lent");
    String policy = id.substring("rdal_".length(), lent ? id.length() - "_lent".length() : id.length());
    switch (policy) {
      case "external":
        return new RdalFs(root, ExecutionPolicy.external(), null, lent, config);
      case "global":
        return new RdalFs(root, ExecutionPolicy.global(), null, lent, config);
      case "dedicated":
        return new RdalFs(root, ExecutionPolicy.dedicated(), null, lent, config);
      default: {
        Scheduler app = RdalSchedulers.newBlockingScheduler("bench-app", RdalSchedulers.DEFAULT_DEDICATED_THREADS);
        return new RdalFs(root, ExecutionPolicy.custom(app), app, lent, config);
      }
    }
  }

  static Map<String, String> parseConfig(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank() || spec.equals("-")) {
      return out;
    }
    for (String kv : spec.split(";")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("rdal config entry '" + kv + "' is not key=value");
      }
      out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
    return out;
  }

  /** Prints the available ids, comma-separated. */
  public static void main(String[] args) {
    System.out.println(String.join(",", available()));
  }
}
