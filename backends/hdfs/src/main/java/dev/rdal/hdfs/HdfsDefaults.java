package dev.rdal.hdfs;

/**
 * The hdfs backend's tunables, in one place, each with what chose it.
 *
 * <p>The chunk size and the buffer pool follow the fs backend's measurements (see the project's design
 * notes, "Streams of bytes"): 1 MiB chunks, and lent buffers from a small pool of direct buffers so a
 * read allocates nothing per chunk. The module's {@code HdfsBenchmarks} (benchmarks module) compares
 * the result with a raw {@code FSDataInputStream} loop against a MiniDFSCluster.
 */
public final class HdfsDefaults {

  /** Bytes read per chunk, and the size of each emitted buffer (the last one of a read may be smaller). */
  public static final int CHUNK_SIZE = 1 << 20;

  /** Smallest chunk size the {@code chunk-size} config key accepts. */
  public static final int MIN_CHUNK_SIZE = 4 << 10;

  /** Largest chunk size the {@code chunk-size} config key accepts. */
  public static final int MAX_CHUNK_SIZE = 64 << 20;

  /**
   * Threads of the dedicated scheduler ({@code rdal-hdfs-N}) an operator uses when its builder names no
   * policy: bounded, so a slow NameNode ties up these threads and never the global scheduler's. Every
   * call of Hadoop's {@code FileSystem} API blocks, a listing page or a chunk at a time.
   */
  public static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  /** Largest thread count the {@code threads} config key accepts. */
  public static final int MAX_THREADS = 1024;

  /**
   * Direct buffers of the chunk size kept for lent reads; a read borrows one for its whole body and
   * returns it when the body terminates. More concurrent lent reads allocate more, and the surplus is
   * dropped to the garbage collector when returned.
   */
  public static final int POOLED_BUFFERS = 16;

  /** Bytes copied per step when a write's buffer is not backed by an array, and by {@code copy}. */
  public static final int COPY_BUFFER = 64 << 10;

  /** Name prefix of the temporary files writes go through; listings never show them. */
  public static final String TEMP_PREFIX = ".rdal-tmp-";

  private HdfsDefaults() {}
}
