package dev.rdal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class WorkerLocalTest {

  private static final Duration T = Duration.ofSeconds(10);

  /** A value that knows the thread it was made on. */
  static final class Probe {
    final String thread = Thread.currentThread().getName();
    final AtomicInteger closes = new AtomicInteger();
  }

  @Test
  void oneValuePerWorkerThreadCreatedOnceAndReusedByEveryTask() {
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.dedicated(2), "wl");
    List<Probe> created = new CopyOnWriteArrayList<>();
    WorkerLocal<Probe> local = scope.workerLocal("probe", () -> {
      Probe p = new Probe();
      created.add(p);
      return p;
    }, p -> p.closes.incrementAndGet());
    Map<String, Set<Probe>> seenByThread = new ConcurrentHashMap<>();
    try {
      Flux.range(0, 200)
          .flatMap(i -> Mono.fromRunnable(() -> {
            Probe p = local.get();
            assertThat(p.thread).isEqualTo(Thread.currentThread().getName());
            seenByThread.computeIfAbsent(p.thread, k -> ConcurrentHashMap.newKeySet()).add(p);
          }).subscribeOn(scope.ioScheduler()), 8, 1)
          .then()
          .block(T);
      assertThat(created).hasSizeBetween(1, 2);
      assertThat(created).allSatisfy(p -> assertThat(p.thread).matches("rdal-wl-\\d+"));
      assertThat(seenByThread.values()).allSatisfy(values -> assertThat(values).hasSize(1));
      assertThat(local.size()).isEqualTo(created.size());
    } finally {
      scope.close().block(T);
    }
    assertThat(created).allSatisfy(p -> assertThat(p.closes).hasValue(1));
    assertThat(local.size()).isZero();
  }

  @Test
  void aWorkerEvictedAfterItsIdleTimeClosesItsValue() throws Exception {
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.dedicated(SchedulerSpec.builder(1).idleSeconds(1).build()), "evict");
    CountDownLatch closed = new CountDownLatch(1);
    List<String> closedOn = new CopyOnWriteArrayList<>();
    WorkerLocal<Probe> local = scope.workerLocal("probe", Probe::new, p -> {
      closedOn.add(Thread.currentThread().getName());
      closed.countDown();
    });
    try {
      Probe p = Mono.fromCallable(local::get).subscribeOn(scope.ioScheduler()).block(T);
      assertThat(p.thread).isEqualTo("rdal-evict-1");
      // the idle worker is evicted after about a second; its thread closes its own value as it ends
      assertThat(closed.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(closedOn).containsExactly("rdal-evict-1");
      assertThat(local.size()).isZero();
      // the next task gets a new worker and a new value
      Probe next = Mono.fromCallable(local::get).subscribeOn(scope.ioScheduler()).block(T);
      assertThat(next).isNotSameAs(p);
    } finally {
      scope.close().block(T);
    }
  }

  @Test
  void valuesOfThreadsOutsideTheSchedulerAreClosedWhenTheScopeCloses() throws Exception {
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.external(), "ext");
    AtomicInteger closes = new AtomicInteger();
    WorkerLocal<Probe> local = scope.workerLocal("probe", Probe::new, p -> closes.incrementAndGet());
    Probe mine = local.get();
    assertThat(local.get()).isSameAs(mine);
    Thread other = new Thread(local::get, "caller-2");
    other.start();
    other.join(10_000);
    assertThat(local.size()).isEqualTo(2);
    scope.close().block(T);
    assertThat(closes).hasValue(2);
    assertThat(local.size()).isZero();
  }

  @Test
  void valuesOfEndedForeignThreadsAreClosedAtTheNextCreation() throws Exception {
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.external(), "ext");
    AtomicInteger closes = new AtomicInteger();
    WorkerLocal<Probe> local = scope.workerLocal("probe", Probe::new, p -> closes.incrementAndGet());
    Thread other = new Thread(local::get, "short-lived");
    other.start();
    other.join(10_000);
    assertThat(other.isAlive()).isFalse();
    local.get(); // a creation sweeps values whose thread has ended
    assertThat(closes).hasValue(1);
    assertThat(local.size()).isEqualTo(1);
    scope.close().block(T);
    assertThat(closes).hasValue(2);
  }
}
