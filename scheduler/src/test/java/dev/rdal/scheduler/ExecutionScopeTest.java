package dev.rdal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class ExecutionScopeTest {

  private static final Duration T = Duration.ofSeconds(10);

  private static String threadName(Scheduler s) {
    return Mono.fromCallable(() -> Thread.currentThread().getName()).subscribeOn(s).block(T);
  }

  @Test
  void dedicatedThreadsAreNamedAfterTheBackendAndDisposedOnClose() {
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.dedicated(2), "fs");
    assertThat(scope.ownsScheduler()).isTrue();
    assertThat(threadName(scope.ioScheduler())).matches("rdal-fs-\\d+");
    assertThat(scope.deliveryScheduler()).isSameAs(scope.ioScheduler());
    scope.close().block(T);
    assertThat(scope.isDisposed()).isTrue();
    assertThat(scope.ioScheduler().isDisposed()).isTrue();
    scope.close().block(T); // idempotent
    scope.dispose();
  }

  @Test
  void closingAGlobalScopeLeavesTheGlobalSchedulerRunning() {
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.global(), "fs");
    assertThat(scope.ioScheduler()).isSameAs(RdalSchedulers.global());
    scope.close().block(T);
    scope.dispose();
    assertThat(RdalSchedulers.global().isDisposed()).isFalse();
    assertThat(threadName(RdalSchedulers.global())).startsWith("rdal-global-");
  }

  @Test
  void aCustomSchedulerIsUsedAndNeverDisposed() {
    Scheduler mine = Schedulers.newBoundedElastic(2, 100, "mine");
    try {
      ExecutionScope scope = new ExecutionScope(ExecutionPolicy.custom(mine), "s3");
      assertThat(scope.ioScheduler()).isSameAs(mine);
      scope.close().block(T);
      scope.dispose();
      assertThat(mine.isDisposed()).isFalse();
      assertThat(threadName(mine)).startsWith("mine-");
    } finally {
      mine.dispose();
    }
  }

  @Test
  void externalHasNoIoSchedulerAndDeliversOnGlobalUnlessAskedOtherwise() {
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.external(), "s3");
    assertThat(scope.ioScheduler()).isNull();
    assertThat(scope.deliveryScheduler()).isSameAs(RdalSchedulers.global());
    ExecutionScope onClient = new ExecutionScope(ExecutionPolicy.external().deliverOnClientThread(), "s3");
    assertThat(onClient.deliveryScheduler()).isNull();
    assertThat(onClient.policy().toString()).isEqualTo("external+clientThreadDelivery");
  }

  @Test
  void closeWaitsForARunningTaskWithinTheGraceAndThenClosesWorkerLocals() throws Exception {
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.dedicated(1), "mem");
    AtomicInteger closed = new AtomicInteger();
    CountDownLatch closedLatch = new CountDownLatch(1);
    WorkerLocal<Object> local = scope.workerLocal("probe", Object::new, v -> {
      closed.incrementAndGet();
      closedLatch.countDown();
    });
    Object value = Mono.fromCallable(local::get).subscribeOn(scope.ioScheduler()).block(T);
    assertThat(value).isNotNull();
    scope.close().block(T);
    assertThat(closedLatch.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(closed).hasValue(1);
    assertThat(local.isClosed()).isTrue();
    assertThatThrownBy(local::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> scope.workerLocal("late", Object::new, v -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void backendNamesThatCannotNameThreadsAreRefused() {
    assertThatThrownBy(() -> new ExecutionScope(ExecutionPolicy.dedicated(1), "a b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot name threads");
  }
}
