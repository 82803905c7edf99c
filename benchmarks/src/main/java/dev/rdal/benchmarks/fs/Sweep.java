package dev.rdal.benchmarks.fs;

import dev.rdal.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * The fs settings the sweep measures, as values of the {@code rdalConfig} benchmark parameter
 * ({@code key=value;key=value}): the backend's {@code chunk-size}, and the prefetch of a consumer that
 * hops to another thread per chunk ({@code hop-prefetch}, see {@link RdalFs}). {@link #main} prints one
 * grid ({@code chunks} or {@code hops}) comma-separated for the runner, or nothing without the fs
 * backend.
 */
public final class Sweep {

  static final String CHUNK_KEY = "chunk-size";

  static final int[] CHUNKS = {64 << 10, 256 << 10, 1 << 20, 4 << 20};
  static final int[] HOP_PREFETCH = {1, 4, 16};

  private Sweep() {}

  /** Chunk sizes, for owned and lent reads. */
  public static List<String> chunks() {
    List<String> out = new ArrayList<>();
    for (int c : CHUNKS) {
      out.add(CHUNK_KEY + "=" + c);
    }
    return out;
  }

  /** Prefetch of a consumer behind a thread hop, at the default chunk size (owned buffers). */
  public static List<String> hops() {
    List<String> out = new ArrayList<>();
    for (int p : HOP_PREFETCH) {
      out.add(RdalFs.HOP_PREFETCH + "=" + p);
    }
    return out;
  }

  public static void main(String[] args) {
    if (!Operator.knownSchemes().contains("fs")) {
      return;
    }
    String grid = args.length > 0 ? args[0] : "chunks";
    System.out.println(String.join(",", grid.equals("hops") ? hops() : chunks()));
  }
}
