package dev.rdal.fs;

/**
 * The fs backend's tunables, in one place, each with what chose it.
 *
 * <p>Measured on JDK 17, 2 cores, a 16 MiB file in the page cache, every variant feeding a consumer
 * that reads every byte (see the project's design notes, "Streams of bytes", and the module's
 * {@code FsReadThroughput} timing run, started from {@code backends/fs} after a test compile with
 * {@code java -cp target/test-classes:target/classes:<test class path> dev.rdal.fs.FsReadThroughput 21 8}):
 * <ul>
 *   <li>1 MiB chunks are the sweet spot: 256 KiB was the same, 4 MiB gained nothing, and smaller chunks
 *       pay the per-chunk hop and syscall more often.
 *   <li>A fresh buffer per chunk halves throughput (about 2.5 GB/s of garbage); lent buffers from a small
 *       pool, recycled when {@code onNext} returns, reach the raw {@code FileChannel} loop within the
 *       cost of the thread hop.
 * </ul>
 */
public final class FsDefaults {

  /** Bytes read per chunk, and the size of each emitted buffer (the last one of a read may be smaller). */
  public static final int CHUNK_SIZE = 1 << 20;

  /** Smallest chunk size the {@code chunk-size} config key accepts. */
  public static final int MIN_CHUNK_SIZE = 4 << 10;

  /** Largest chunk size the {@code chunk-size} config key accepts. */
  public static final int MAX_CHUNK_SIZE = 64 << 20;

  /**
   * Chunks a read body reads ahead of demand: none. The body is a pull source: it reads a chunk inside
   * {@code request(n)}, on the execution policy's thread, only when one was requested, so memory stays
   * bounded by what the subscriber asked for. A subscriber that wants IO to overlap its own work hops
   * with {@code publishOn(scheduler, }{@link #RECOMMENDED_PREFETCH}{@code )} on owned buffers (lent
   * buffers cannot cross a hop).
   */
  public static final int READ_AHEAD_CHUNKS = 0;

  /** The prefetch at which a hop per 1 MiB chunk was measured to be nearly free. */
  public static final int RECOMMENDED_PREFETCH = 4;

  /**
   * Direct buffers of {@link #CHUNK_SIZE} kept for lent reads; a read borrows one for its whole body and
   * returns it when the body terminates. More concurrent lent reads allocate more, and the surplus is
   * dropped to the garbage collector when returned.
   */
  public static final int POOLED_BUFFERS = 16;

  /** Name prefix of the temporary files writes go through; listings never show them. */
  public static final String TEMP_PREFIX = ".rdal-tmp-";

  private FsDefaults() {}
}
