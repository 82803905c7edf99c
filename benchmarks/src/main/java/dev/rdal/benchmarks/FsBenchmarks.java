package dev.rdal.benchmarks;

import static dev.rdal.benchmarks.TestFiles.MIB;

import dev.rdal.benchmarks.fs.FsImplementation;
import dev.rdal.benchmarks.fs.Implementations;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The {@code fs/*} suite on one 16 MiB file in the page cache: {@code read} (whole file),
 * {@code buf_read} (whole file pulled in 8 KiB pieces through a 64 KiB {@link BufferedInputStream} over
 * the implementation's stream), {@code range_read} (8 MiB at offset 4 MiB), {@code read_half} (first
 * 8 MiB) and {@code write} (16 MiB in 1 MiB chunks, replacing the file). Throughput in operations per
 * second; the report turns it into GiB/s. Each fork runs one implementation ({@link #impl}) and checks,
 * before measuring, that every read yields the file's checksum and that a write lands the right bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@Warmup(iterations = 10, time = 2) // rdal's per-read path needs ~20 s of JIT; see benchmarks/README.md
@Measurement(iterations = 5, time = 2)
public class FsBenchmarks {

  /** Size of the file of every fs benchmark. */
  public static final int FILE_SIZE = 16 * MIB;
  /** Offset of {@code range_read}. */
  public static final int RANGE_OFFSET = 4 * MIB;
  /** Length of {@code range_read} and {@code read_half}. */
  public static final int HALF = 8 * MIB;
  /** Size of each piece {@code buf_read} pulls. */
  public static final int PIECE = 8 * 1024;

  static final String DATA = "data.bin";
  static final String OUT = "out.bin";

  /** Implementation id (see {@link Implementations}). */
  @Param({"raw"})
  public String impl;

  /** Extra fs backend config for the rdal ids, {@code key=value;...}; {@code -} for none. */
  @Param({"-"})
  public String rdalConfig;

  private Path dir;
  private FsImplementation fs;
  private List<ByteBuffer> writeChunks;
  private long expectedAll;
  private long expectedRange;
  private long expectedHalf;
  private final ByteSum sink = new ByteSum();
  private final byte[] piece = new byte[PIECE];

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = TestFiles.newDirectory("rdal-bench-fs");
    byte[] content = TestFiles.place(dir.resolve(DATA), FILE_SIZE);
    expectedAll = ByteSum.of(content, 0, FILE_SIZE);
    expectedRange = ByteSum.of(content, RANGE_OFFSET, HALF);
    expectedHalf = ByteSum.of(content, 0, HALF);
    ByteBuffer source = ByteBuffer.allocateDirect(FILE_SIZE).put(content).flip();
    writeChunks = new ArrayList<>();
    for (int at = 0; at < FILE_SIZE; at += MIB) {
      writeChunks.add(source.slice(at, MIB).asReadOnlyBuffer());
    }
    try {
      fs = Implementations.create(impl, dir, rdalConfig);
      verify();
    } catch (Exception | Error e) {
      tearDown(); // JMH skips the teardown of a failed setup
      throw e;
    }
  }

  private void verify() throws Exception {
    Verify.checksum(impl, "read", read(), expectedAll);
    Verify.checksum(impl, "buf_read", buf_read(), expectedAll);
    Verify.checksum(impl, "range_read", range_read(), expectedRange);
    Verify.checksum(impl, "read_half", read_half(), expectedHalf);
    write();
    Verify.checksum(impl, "write", TestFiles.checksumOf(dir.resolve(OUT)), expectedAll);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (fs != null) {
      fs.close();
    }
    TestFiles.deleteTree(dir);
  }

  @Benchmark
  public long read() throws Exception {
    fs.read(DATA, 0, FILE_SIZE, sink.reset());
    return sink.value();
  }

  @Benchmark
  public long buf_read() throws Exception {
    sink.reset();
    try (InputStream in = new BufferedInputStream(fs.open(DATA), 64 * 1024)) {
      int n;
      while ((n = in.read(piece, 0, PIECE)) >= 0) {
        sink.add(piece, 0, n);
      }
    }
    return sink.value();
  }

  @Benchmark
  public long range_read() throws Exception {
    fs.read(DATA, RANGE_OFFSET, HALF, sink.reset());
    return sink.value();
  }

  @Benchmark
  public long read_half() throws Exception {
    fs.read(DATA, 0, HALF, sink.reset());
    return sink.value();
  }

  @Benchmark
  public void write() throws Exception {
    fs.write(OUT, writeChunks);
  }
}
