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
   * Chunks a read body reads ahead of the one it emits, on the execution policy's workers, while the
   * subscriber consumes the current chunk: 2. Reading and consuming then overlap on two threads instead
   * of taking turns on one. The first chunk is read on the emitting thread, so a read of one chunk never
   * involves a second thread, and only as many bodies read ahead at once as half the cores (the others
   * read on demand: with every core consuming, a read-ahead only adds hand-offs). Memory per body is
   * bounded by {@code 1 + READ_AHEAD_CHUNKS} chunks beyond what the subscriber keeps. Under the external
   * policy there is no scheduler to read ahead on, and every chunk is read on demand on the caller's
   * thread.
   *
   * <p>Chosen by the benchmarks' {@code fs/read} with lent buffers (JMH, 2 forks, 2 cores): read-ahead 2
   * raised a lone whole-file read from 0.77x to 0.92x of the raw loop under global and from 0.83x to
   * 0.90x under dedicated, while 8 MiB range reads stayed within the noise (0.61x to 0.67x, 0.75x to
   * 0.70x). In interleaved timing runs depths 1, 2 and 4 were within the noise of each other; 2 keeps
   * one chunk of slack for a worker that is slow to wake.
   */
  public static final int READ_AHEAD_CHUNKS = 2;

  /** Largest read-ahead the {@code read-ahead} config key accepts. */
  public static final int MAX_READ_AHEAD_CHUNKS = 16;

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
