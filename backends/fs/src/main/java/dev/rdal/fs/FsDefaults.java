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
   * subscriber consumes the current chunk: 0 by default, so every chunk is read on demand on the thread
   * that emits it. A read-ahead ({@code read-ahead=N}) overlaps reading and consuming on two threads:
   * one lane per body reads the chunks ahead in order on one worker, waking it once rather than per
   * chunk; the first chunk is always read on the emitting thread, only as many bodies read ahead at once
   * as half the cores, and memory per body is bounded by {@code 1 + N} chunks beyond what the subscriber keeps. Under
   * the external policy there is no scheduler to read ahead on.
   *
   * <p>Why 0: with the data in the page cache a chunk's read is a memory copy, and the consumer that
   * reads it on another core then misses its cache; that, not the hand-off, ate the overlap. JMH, 2
   * cores, lent buffers, 3 forks, global (dedicated) x raw, read-ahead 0 against 2: {@code fs/read} 0.62
   * (0.71) against 0.53 (0.74), {@code range_read} 0.58 (0.72) against 0.52 (0.63), {@code read_half}
   * 0.55 (0.65) against 0.44 (0.58); parallel reads under global, N = 2/8/16: 0.73/0.99/0.99 against
   * 0.55/0.86/0.82. An earlier run with a task per chunk ahead had favoured 2 on {@code fs/read} alone
   * (0.92 against 0.77), inside that host's noise. Read-ahead can still pay where a chunk's read waits on
   * a device rather than copying from memory.
   */
  public static final int READ_AHEAD_CHUNKS = 0;

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

  /** Bytes of a temporary file's name: the prefix and a UUID. */
  static final int TEMP_NAME_BYTES = TEMP_PREFIX.length() + 36;

  /**
   * The most bytes of UTF-8 one name may have: 255, Linux's {@code NAME_MAX} (ext4, xfs, btrfs, tmpfs). The
   * operator refuses a longer name with {@code INVALID_INPUT} before touching the disk.
   */
  public static final int MAX_NAME_BYTES = 255;

  /**
   * The most bytes an absolute path handed to the kernel may have: 4095, Linux's {@code PATH_MAX} less its
   * terminating NUL. A backend's path limit is this less its root's path and the room a write's temporary
   * file needs beside its target (see {@link FsBackend#capabilities()}).
   */
  public static final int MAX_ABSOLUTE_PATH_BYTES = 4095;

  private FsDefaults() {}
}
