package dev.rdal.benchmarks;

import static dev.rdal.benchmarks.TestFiles.MIB;

import dev.rdal.benchmarks.fs.FsImplementation;
import dev.rdal.benchmarks.fs.Implementations;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * {@code fs_parallel/parallel_range_read_N}: N concurrent readers, each reading its own distinct 8 MiB
 * range of one file. So that 16 distinct ranges exist, the file is 16 x 8 MiB = 128 MiB (reader i reads
 * [i x 8 MiB, (i+1) x 8 MiB)); one operation moves N x 8 MiB. Blocking implementations run their readers
 * on N platform threads of a pool made at setup; reactive and async ones use their own concurrency
 * (see {@link FsImplementation#readConcurrently}). Every range's checksum is checked before measuring.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@Warmup(iterations = 10, time = 2) // rdal's per-read path needs ~20 s of JIT; see benchmarks/README.md
@Measurement(iterations = 5, time = 2)
public class FsParallelBenchmarks {

  /** Bytes each reader reads. */
  public static final int RANGE = 8 * MIB;
  /** The most readers of any run; the file holds this many distinct ranges. */
  public static final int MAX_READERS = 16;

  static final String DATA = "data.bin";

  /** How many concurrent readers. */
  @Param({"2", "4", "8", "16"})
  public int readers;

  /** Implementation id (see {@link Implementations}). */
  @Param({"raw"})
  public String impl;

  /** Extra fs backend config for the rdal ids, {@code key=value;...}; {@code -} for none. */
  @Param({"-"})
  public String rdalConfig;

  private Path dir;
  private FsImplementation fs;
  private ExecutorService threads;
  private long[] offsets;
  private ByteSum[] sinks;
  private long expected;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    if (readers < 1 || readers > MAX_READERS) {
      throw new IllegalArgumentException("readers must be 1.." + MAX_READERS + ", was " + readers);
    }
    dir = TestFiles.newDirectory("rdal-bench-par");
    byte[] content = TestFiles.place(dir.resolve(DATA), MAX_READERS * RANGE);
    offsets = new long[readers];
    sinks = new ByteSum[readers];
    long sum = 0;
    for (int i = 0; i < readers; i++) {
      offsets[i] = (long) i * RANGE;
      sinks[i] = new ByteSum();
      sum += ByteSum.of(content, i * RANGE, RANGE);
    }
    expected = sum;
    threads = Executors.newFixedThreadPool(readers, r -> {
      Thread t = new Thread(r, "bench-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      fs = Implementations.create(impl, dir, rdalConfig);
      Verify.checksum(impl, "parallel_range_read_" + readers, parallel_range_read(), expected);
    } catch (Exception | Error e) {
      tearDown(); // JMH skips the teardown of a failed setup
      throw e;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (fs != null) {
      fs.close();
    }
    if (threads != null) {
      threads.shutdownNow();
    }
    TestFiles.deleteTree(dir);
  }

  @Benchmark
  public long parallel_range_read() throws Exception {
    for (ByteSum s : sinks) {
      s.reset();
    }
    fs.readConcurrently(DATA, offsets, RANGE, sinks, threads);
    long sum = 0;
    for (ByteSum s : sinks) {
      sum += s.value();
    }
    return sum;
  }
}
