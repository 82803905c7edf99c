package dev.rdal.benchmarks;

import static dev.rdal.benchmarks.TestFiles.MIB;

import dev.rdal.ByteRange;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import dev.rdal.hdfs.HdfsBackend;
import dev.rdal.hdfs.HdfsOptions;
import java.io.File;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code hdfs/*} suite: the fs read suite's shape ({@code read} of a whole 16 MiB file,
 * {@code range_read} of 8 MiB at 4 MiB, {@code read_half}, the first 8 MiB) against a MiniDFSCluster
 * that each fork starts on 127.0.0.1 (one NameNode, one DataNode; the bytes cross a loopback socket).
 * Implementations ({@link #impl}):
 * <ul>
 *   <li>{@code raw}: the reference, a plain {@link FSDataInputStream} loop on the calling thread: open,
 *       seek, {@code read(ByteBuffer)} into one reused 1 MiB direct buffer, close;
 *   <li>{@code rdal_hdfs}: {@code Operator.read} of the hdfs backend under its default policy (its
 *       dedicated scheduler), owned buffers (a fresh heap buffer per chunk);
 *   <li>{@code rdal_hdfs_lent}: the same with lent buffers.
 * </ul>
 * Every implementation feeds the same {@link ByteSum}; each fork checks the checksums before measuring.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class HdfsBenchmarks {

  /** The implementations of this suite, {@code raw} first. */
  public static final String IMPLEMENTATIONS = "raw,rdal_hdfs,rdal_hdfs_lent";

  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final String DATA = "data.bin";

  /** Implementation id: {@code raw}, {@code rdal_hdfs} or {@code rdal_hdfs_lent}. */
  @Param({"raw"})
  public String impl;

  private Path dir;
  private MiniDFSCluster cluster;
  private FileSystem fs;
  private org.apache.hadoop.fs.Path file;
  private Operator op;
  private ReadOptions readOptions;
  private final ByteBuffer rawBuffer = ByteBuffer.allocateDirect(MIB);
  private final ByteSum sink = new ByteSum();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = TestFiles.newDirectory("rdal-bench-hdfs");
    try {
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
      conf.set("dfs.namenode.http-address", "127.0.0.1:0");
      conf.set("dfs.datanode.address", "127.0.0.1:0");
      conf.set("dfs.datanode.http.address", "127.0.0.1:0");
      conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
      conf.set("dfs.replication", "1");
      cluster = new MiniDFSCluster.Builder(conf, new File(dir.toString())).numDataNodes(1).build();
      cluster.waitActive();
      URI nn = URI.create("hdfs://" + cluster.getURI().getAuthority());
      fs = FileSystem.newInstance(nn, new Configuration());
      byte[] content = TestFiles.content(FsBenchmarks.FILE_SIZE);
      file = new org.apache.hadoop.fs.Path("/bench/" + DATA);
      try (FSDataOutputStream out = fs.create(file, true)) {
        out.write(content);
      }
      if (!impl.equals("raw")) {
        if (!impl.equals("rdal_hdfs") && !impl.equals("rdal_hdfs_lent")) {
          throw new IllegalArgumentException("unknown implementation '" + impl + "'; known: " + IMPLEMENTATIONS);
        }
        op = Operator.builder(new HdfsBackend(HdfsOptions.of(nn, "/bench"))).build();
        readOptions = ReadOptions.defaults().withLentBuffers(impl.endsWith("_lent"));
      }
      Verify.checksum(impl, "read", read(), ByteSum.of(content, 0, FsBenchmarks.FILE_SIZE));
      Verify.checksum(impl, "range_read", range_read(),
          ByteSum.of(content, FsBenchmarks.RANGE_OFFSET, FsBenchmarks.HALF));
      Verify.checksum(impl, "read_half", read_half(), ByteSum.of(content, 0, FsBenchmarks.HALF));
    } catch (Exception | Error e) {
      tearDown(); // JMH skips the teardown of a failed setup
      throw e;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (op != null) {
      op.close();
    }
    if (fs != null) {
      fs.close();
    }
    if (cluster != null) {
      cluster.shutdown(true);
    }
    TestFiles.deleteTree(dir);
  }

  private long read(long offset, long length) throws Exception {
    sink.reset();
    if (op == null) {
      try (FSDataInputStream in = fs.open(file)) {
        if (offset > 0) {
          in.seek(offset);
        }
        long left = length;
        while (left > 0) {
          rawBuffer.clear().limit((int) Math.min(rawBuffer.capacity(), left));
          while (rawBuffer.hasRemaining()) {
            if (in.read(rawBuffer) < 0) {
              throw new IllegalStateException("file ended early");
            }
          }
          rawBuffer.flip();
          sink.add(rawBuffer);
          left -= rawBuffer.limit();
        }
      }
    } else {
      ReadOptions o = offset == 0 && length == FsBenchmarks.FILE_SIZE
          ? readOptions : readOptions.withRange(ByteRange.of(offset, length));
      op.read(DATA, o).doOnNext(sink::add).blockLast(TIMEOUT);
    }
    return sink.value();
  }

  @Benchmark
  public long read() throws Exception {
    return read(0, FsBenchmarks.FILE_SIZE);
  }

  @Benchmark
  public long range_read() throws Exception {
    return read(FsBenchmarks.RANGE_OFFSET, FsBenchmarks.HALF);
  }

  @Benchmark
  public long read_half() throws Exception {
    return read(0, FsBenchmarks.HALF);
  }
}
