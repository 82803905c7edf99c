package dev.rdal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blocking IO on virtual threads. The JDK 21+ tests run, from the normal build, on the JDK 25 the build
 * finds (see this module's pom); on the Java 17 baseline they are skipped by their JRE condition, and
 * asking for virtual threads fails clearly instead.
 */
class VirtualThreadsTest {

  private static final Duration T = Duration.ofSeconds(10);

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20, disabledReason = "virtual threads exist from JDK 21 on")
  void askingForVirtualThreadsBeforeJdk21FailsClearly() {
    assertThatThrownBy(() -> SchedulerSpec.builder(4).virtualThreads(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JDK 21")
        .hasMessageContaining("leave virtual threads off");
  }

  @Test
  @Tag("virtual-threads")
  @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; runs on the JDK 25 execution")
  void dedicatedSchedulerRunsBlockingTasksOnNamedVirtualThreads() throws Exception {
    ExecutionScope scope = new ExecutionScope(
        ExecutionPolicy.dedicated(SchedulerSpec.builder(4).virtualThreads(true).build()), "vt");
    try {
      Thread t = Mono.fromCallable(() -> {
            Thread.sleep(1); // a blocking call is fine here: BlockHound only guards non-blocking threads
            return Thread.currentThread();
          })
          .subscribeOn(scope.ioScheduler())
          .block(T);
      assertThat(RdalSchedulers.isVirtual(t)).isTrue();
      assertThat(t.getName()).matches("rdal-vt-\\d+");
    } finally {
      scope.close().block(T);
    }
    assertThat(scope.ioScheduler().isDisposed()).isTrue();
  }

  @Test
  @Tag("virtual-threads")
  @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; runs on the JDK 25 execution")
  void atMostThreadsTasksRunAtOnce() throws Exception {
    ExecutionScope scope = new ExecutionScope(
        ExecutionPolicy.dedicated(SchedulerSpec.builder(2).virtualThreads(true).build()), "vtcap");
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch twoIn = new CountDownLatch(2);
    try {
      List<Integer> done = Flux.range(0, 6)
          .flatMap(i -> Mono.fromCallable(() -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoIn.countDown();
            twoIn.await(10, TimeUnit.SECONDS); // the first two meet, proving two ran at once
            running.decrementAndGet();
            return i;
          }).subscribeOn(scope.ioScheduler()), 6, 1)
          .collectList()
          .block(T);
      assertThat(done).hasSize(6);
      assertThat(most.get()).isEqualTo(2);
    } finally {
      scope.close().block(T);
    }
  }

  @Test
  @Tag("virtual-threads")
  @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; runs on the JDK 25 execution")
  void workerLocalValuesOfVirtualThreadsAreClosedAsEachTaskEnds() throws Exception {
    ExecutionScope scope = new ExecutionScope(
        ExecutionPolicy.dedicated(SchedulerSpec.builder(2).virtualThreads(true).build()), "vtlocal");
    CountDownLatch closed = new CountDownLatch(3);
    WorkerLocal<Object> local = scope.workerLocal("probe", Object::new, v -> closed.countDown());
    try {
      Flux.range(0, 3).concatMap(i -> Mono.fromCallable(local::get).subscribeOn(scope.ioScheduler()), 1).then().block(T);
      assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      scope.close().block(T);
    }
  }
}
