package dev.rdal.benchmarks.fs;

import dev.rdal.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * The fs settings the sweep measures, as values of the {@code rdalConfig} benchmark parameter
 * ({@code key=value;key=value}): the backend's {@code chunk-size} and {@code read-ahead}, and the
 * prefetch of a consumer that hops to another thread per chunk ({@code hop-prefetch}, see {@link RdalFs}).
 * {@link #main} prints one grid ({@code chunks}, {@code readahead} or {@code hops}) comma-separated for
 * the runner, or nothing without the fs backend.
 */
public final class Sweep {

  static final String CHUNK_KEY = "chunk-size";

  static final int[] CHUNKS = {64 << 10, 256 << 10, 1 << 20, 4 << 20};
  static final int[] HOP_PREFETCH = {1, 4, 16};
  static final String READ_AHEAD_KEY = "read-ahead";
  static final int[] READ_AHEAD = {0, 1, 2, 4};

  private Sweep() {}

  /** Chunk sizes, for owned and lent reads. */
  public static List<String> chunks() {
    return grid(CHUNK_KEY, CHUNKS);
  }

  /** Chunks read ahead on the policy's threads, at the default chunk size. */
  public static List<String> readAhead() {
    return grid(READ_AHEAD_KEY, READ_AHEAD);
  }

  /** Prefetch of a consumer behind a thread hop, at the default chunk size (owned buffers). */
  public static List<String> hops() {
    return grid(RdalFs.HOP_PREFETCH, HOP_PREFETCH);
  }

  private static List<String> grid(String key, int[] values) {
    List<String> out = new ArrayList<>();
    for (int v : values) {
      out.add(key + "=" + v);
    }
    return out;
  }

  public static void main(String[] args) {
    if (!Operator.knownSchemes().contains("fs")) {
      return;
    }
    String grid = args.length > 0 ? args[0] : "chunks";
    List<String> values = grid.equals("hops") ? hops() : grid.equals("readahead") ? readAhead() : chunks();
    System.out.println(String.join(",", values));
  }
}
