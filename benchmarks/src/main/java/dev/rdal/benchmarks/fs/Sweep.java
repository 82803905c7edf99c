package dev.rdal.benchmarks.fs;

import dev.rdal.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid of fs backend settings the sweep measures (chunk size x prefetch), as values of the
 * {@code rdalConfig} benchmark parameter ({@code key=value;key=value}). {@link #main} prints them
 * comma-separated for the runner, or nothing when the fs backend is absent.
 */
public final class Sweep {

  /** The fs backend's config key for the chunk size in bytes. */
  static final String CHUNK_KEY = "chunk-size";
  /** The fs backend's config key for how many chunks are read ahead. */
  static final String PREFETCH_KEY = "prefetch";

  static final int[] CHUNKS = {64 << 10, 256 << 10, 1 << 20, 4 << 20};
  static final int[] PREFETCH = {1, 4, 16};

  private Sweep() {}

  /** Every combination, as rdalConfig values. */
  public static List<String> configs() {
    List<String> out = new ArrayList<>();
    for (int c : CHUNKS) {
      for (int p : PREFETCH) {
        out.add(CHUNK_KEY + "=" + c + ";" + PREFETCH_KEY + "=" + p);
      }
    }
    return out;
  }

  public static void main(String[] args) {
    if (Operator.knownSchemes().contains("fs")) {
      System.out.println(String.join(",", configs()));
    }
  }
}
