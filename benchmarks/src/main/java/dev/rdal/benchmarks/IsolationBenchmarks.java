package dev.rdal.benchmarks;

import dev.rdal.Operator;
import dev.rdal.ReadResult;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.RdalSchedulers;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.ReadRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Isolation: two blocking backends side by side, one of them slow. The slow one answers every read
 * after {@link #SLOW_LATENCY} of blocking (a stalled disk or mount, injected by a small layer) and is
 * kept saturated by {@link #SLOW_LOAD} concurrent reads in the background; the benchmark samples the
 * latency of small ({@link #SMALL} bytes) reads of the other one. With {@code schedulers}:
 * <ul>
 *   <li>{@code shared_custom}: both operators on one custom scheduler of 8 threads;
 *   <li>{@code shared_global}: both on the global scheduler;
 *   <li>{@code dedicated}: each operator on its own dedicated scheduler (default size).
 * </ul>
 * Both backends are memory backends declared blocking, so what is measured is the scheduling alone,
 * not the disk. SampleTime mode reports p50/p99 of the fast reads.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class IsolationBenchmarks {

  /** How long the slow backend blocks per read. */
  public static final Duration SLOW_LATENCY = Duration.ofMillis(20);
  /** Concurrent background reads kept in flight against the slow backend. */
  public static final int SLOW_LOAD = 64;
  /** Size of the fast backend's reads. */
  public static final int SMALL = 4096;
  /** Threads of the shared custom scheduler. */
  public static final int SHARED_THREADS = 8;

  /** {@code shared_custom}, {@code shared_global} or {@code dedicated}. */
  @Param({"shared_custom", "shared_global", "dedicated"})
  public String schedulers;

  private Operator fast;
  private Operator slow;
  private Scheduler shared;
  private Disposable load;
  private long expected;

  @Setup(Level.Trial)
  public void setUp() {
    ExecutionPolicy fastPolicy;
    ExecutionPolicy slowPolicy;
    switch (schedulers) {
      case "shared_custom":
        shared = RdalSchedulers.newBlockingScheduler("bench-shared", SHARED_THREADS);
        fastPolicy = slowPolicy = ExecutionPolicy.custom(shared);
        break;
      case "shared_global":
        fastPolicy = slowPolicy = ExecutionPolicy.global();
        break;
      case "dedicated":
        fastPolicy = slowPolicy = ExecutionPolicy.dedicated();
        break;
      default:
        throw new IllegalArgumentException("unknown schedulers '" + schedulers + "'");
    }
    fast = Operator.builder(new MemoryBackend()).layer(Blocking::new).executionPolicy(fastPolicy).build();
    slow = Operator.builder(new MemoryBackend()).layer(inner -> new SlowReads(inner, SLOW_LATENCY))
        .executionPolicy(slowPolicy).build();
    byte[] small = TestFiles.content(SMALL);
    expected = ByteSum.of(small, 0, SMALL);
    fast.write("small.bin", small).block(Duration.ofSeconds(30));
    slow.write("small.bin", small).block(Duration.ofSeconds(30));
    load = Flux.range(0, Integer.MAX_VALUE)
        .flatMap(i -> slow.read("small.bin").then().onErrorResume(e -> Mono.empty()), SLOW_LOAD)
        .subscribe();
    Verify.checksum(schedulers, "small_read", small_read(), expected);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (load != null) {
      load.dispose();
    }
    if (fast != null) {
      fast.close();
    }
    if (slow != null) {
      slow.close();
    }
    if (shared != null) {
      shared.dispose();
    }
  }

  /** One small read of the fast backend while the slow one is saturated. */
  @Benchmark
  public long small_read() {
    ByteSum sum = new ByteSum();
    fast.read("small.bin").doOnNext(sum::add).blockLast(Duration.ofSeconds(60));
    return sum.value();
  }

  /** Declares the wrapped backend blocking, like a local disk, so the operator runs it on its policy. */
  static final class Blocking extends ForwardingBackend {
    Blocking(Backend inner) {
      super(inner);
    }

    @Override
    public boolean isBlocking() {
      return true;
    }
  }

  /** A blocking backend whose every read first blocks for a fixed latency. */
  static final class SlowReads extends ForwardingBackend {
    private final long nanos;

    SlowReads(Backend inner, Duration latency) {
      super(inner);
      this.nanos = latency.toNanos();
    }

    @Override
    public boolean isBlocking() {
      return true;
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      return Mono.defer(() -> {
        LockSupport.parkNanos(nanos);
        return inner.read(path, request);
      });
    }
  }
}
