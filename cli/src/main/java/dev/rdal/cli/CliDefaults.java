package dev.rdal.cli;

/** The command's tunables, in one place. */
final class CliDefaults {

  /** Files copied at once by {@code cp -r} ({@code --transfers}). */
  static final int TRANSFERS = 4;
  /**
   * Objects of a remote store at least this large are downloaded as parallel ranged reads (one
   * {@code read(path, ByteRange)} per part); local stores (fs, memory) are read sequentially, which is
   * faster there.
   */
  static final long PARALLEL_READ_THRESHOLD = 32L << 20;
  /** Bytes per ranged part of a parallel download; each part is held in memory once read. */
  static final int PART_SIZE = 8 << 20;
  /**
   * Parts of one object read at once. With the parts waiting to be written in order, one download holds
   * at most about {@code PARALLEL_READS * PART_SIZE} (32 MiB) in memory.
   */
  static final int PARALLEL_READS = 4;
  /** Entries printed before {@code ls} flushes its output (the first entry is flushed at once). */
  static final int LIST_FLUSH_EVERY = 512;

  private CliDefaults() {}
}
