package dev.rdal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class SchedulerMetricsTest {

  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void dedicatedSchedulerPublishesSubmittedActivePendingAndCompletedTaggedByName() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ExecutionScope scope = new ExecutionScope(
        ExecutionPolicy.dedicated(SchedulerSpec.builder(1).meterRegistry(registry).build()), "metered");
    String name = "rdal-metered";
    try {
      Flux.range(0, 5).concatMap(i -> Mono.fromCallable(() -> i).subscribeOn(scope.ioScheduler()), 1).then().block(T);
      // a task records its time just after it ran: a barrier on the only thread sees the five recorded
      CountDownLatch barrier = new CountDownLatch(1);
      scope.ioScheduler().schedule(barrier::countDown);
      assertThat(barrier.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(registry.get("rdal.scheduler.tasks.submitted").tag("name", name).counter().count()).isEqualTo(6.0);
      assertThat(registry.get("rdal.scheduler.tasks.completed").tag("name", name).timer().count()).isBetween(5L, 6L);
      assertThat(registry.get("rdal.scheduler.tasks.pending").tag("name", name).longTaskTimer().activeTasks()).isZero();

      // one task holds the only thread: it is active, the next one is pending
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      scope.ioScheduler().schedule(() -> {
        running.countDown();
        await(release);
      });
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      CountDownLatch second = new CountDownLatch(1);
      scope.ioScheduler().schedule(second::countDown);
      assertThat(registry.get("rdal.scheduler.tasks.active").tag("name", name).longTaskTimer().activeTasks()).isEqualTo(1);
      assertThat(registry.get("rdal.scheduler.tasks.pending").tag("name", name).longTaskTimer().activeTasks()).isEqualTo(1);
      release.countDown();
      assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      scope.close().block(T);
    }
    assertThat(scope.ioScheduler().isDisposed()).isTrue();
  }

  @Test
  void aSpecWithoutRegistryHasNoMetrics() {
    assertThat(SchedulerSpec.ofThreads(1).hasMetrics()).isFalse();
    assertThat(SchedulerSpec.builder(1).meterRegistry(new SimpleMeterRegistry()).build().hasMetrics()).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
