package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.Operator;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.RdalSchedulers;
import dev.rdal.scheduler.SchedulerSpec;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Guarantee 5: closing an operator is total and idempotent — its dedicated scheduler, worker-local values
 * and open handles are released, later calls fail clearly — and the global and custom schedulers survive.
 */
class CloseTest {

  private static final Duration T = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void closeReleasesDedicatedSchedulerWorkerLocalsAndOpenHandles() {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("f", RecordingFileBackend.content(5000));
    Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(2)).build();
    PositionalReader reader = op.openReader("f").block(T);
    assertThat(op.readAllBytes("f").block(T)).hasSize(5000);
    assertThat(backend.openHandles).hasValue(1); // the positional reader's file
    assertThat(backend.scratchCreated.get()).isPositive();
    Scheduler dedicated = backend.scope.ioScheduler();

    op.close();

    assertThat(op.isClosed()).isTrue();
    assertThat(backend.scope.isDisposed()).isTrue();
    assertThat(dedicated.isDisposed()).isTrue();
    assertThat(backend.openHandles).hasValue(0);
    assertThat(backend.scratchClosed).hasValue(backend.scratchCreated.get());
    assertThatThrownBy(() -> reader.read(0, ByteBuffer.allocate(10)).block(T))
        .isInstanceOf(RdalException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> op.readAllBytes("f").block(T))
        .isInstanceOf(RdalException.class).hasMessageContaining("operator is closed");
    assertThatThrownBy(() -> op.stat("f").block(T))
        .isInstanceOf(RdalException.class).hasMessageContaining("operator is closed");

    op.close(); // idempotent
    op.closeAsync().block(T);
    assertThat(backend.scratchClosed).hasValue(backend.scratchCreated.get());
  }

  @Test
  void closingAnOperatorOnGlobalLeavesGlobalServingOthers() {
    RecordingFileBackend first = new RecordingFileBackend(dir);
    first.put("f", RecordingFileBackend.content(3000));
    Operator a = Operator.builder(first).executionPolicy(ExecutionPolicy.global()).build();
    Operator b = Operator.builder(new RecordingFileBackend(dir)).executionPolicy(ExecutionPolicy.global()).build();
    try {
      assertThat(a.readAllBytes("f").block(T)).hasSize(3000);
      a.close();
      assertThat(RdalSchedulers.global().isDisposed()).isFalse();
      assertThat(first.scratchClosed).hasValue(first.scratchCreated.get()); // the operator's own values go
      assertThat(b.readAllBytes("f").block(T)).hasSize(3000);
    } finally {
      b.close();
    }
  }

  @Test
  void aCustomSchedulerIsNeverDisposedByClose() {
    Scheduler mine = Schedulers.newBoundedElastic(2, 100, "mine");
    try {
      RecordingFileBackend backend = new RecordingFileBackend(dir);
      backend.put("f", RecordingFileBackend.content(10));
      try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.custom(mine)).build()) {
        assertThat(op.readAllBytes("f").block(T)).hasSize(10);
      }
      assertThat(mine.isDisposed()).isFalse();
    } finally {
      mine.dispose();
    }
  }

  @Test
  void closeFromANonBlockingThreadDoesNotBlockIt() {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(1)).build();
    op.closeAsync().subscribeOn(Schedulers.parallel()).block(T);
    assertThat(backend.scope.ioScheduler().isDisposed()).isTrue();
  }

  @Test
  void aPolicyThisJvmCannotRunIsAClearConfigError() {
    if (Runtime.version().feature() >= 21) {
      return; // virtual threads exist here: nothing to refuse
    }
    assertThatThrownBy(() -> ExecutionPolicy.dedicated(SchedulerSpec.builder(2).virtualThreads(true).build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("JDK 21");
  }

  @Test
  void aStreamRunningWhenTheOperatorClosesIsReleasedAndFailsClearly() throws Exception {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("big", RecordingFileBackend.content(10 * RecordingFileBackend.CHUNK));
    Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(1)).build();
    java.util.concurrent.atomic.AtomicReference<Throwable> error = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch twoChunks = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.CountDownLatch terminated = new java.util.concurrent.CountDownLatch(1);
    op.read("big").subscribe(new reactor.core.publisher.BaseSubscriber<ByteBuffer>() {
      @Override
      protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
        s.request(2); // then stops asking: the stream stays open, holding its file
      }

      @Override
      protected void hookOnNext(ByteBuffer value) {
        twoChunks.countDown();
      }

      @Override
      protected void hookOnError(Throwable t) {
        error.set(t);
        terminated.countDown();
      }

      @Override
      protected void hookOnComplete() {
        terminated.countDown();
      }
    });
    assertThat(twoChunks.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(backend.openHandles).hasValue(1);

    op.close();

    assertThat(terminated.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(error.get()).isInstanceOf(RdalException.class).hasMessageContaining("closed while this stream was running");
    assertThat(backend.openHandles).hasValue(0);
    assertThat(backend.closeThreads).containsExactly("rdal-recfile-1");
    assertThat(backend.readThreads).hasSize(2);
  }
}
