package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Guarantee 4: cancelling a read mid-stream stops IO at once — no read after the cancel, the file closed
 * on the policy's thread (never on the canceller's), and the only worker free for the next read.
 */
class CancellationTest {

  private static final Duration T = Duration.ofSeconds(10);
  private static EventLoops netty;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    netty = new EventLoops("cancel-loop");
  }

  @AfterAll
  static void stop() {
    netty.close();
  }

  /** Requests one chunk at a time from {@code on} and cancels inside the onNext of chunk {@code cancelAt}. */
  static final class CancelAfter extends BaseSubscriber<ByteBuffer> {
    final int cancelAt;
    final Scheduler on;
    final AtomicInteger received = new AtomicInteger();
    final CountDownLatch cancelled = new CountDownLatch(1);

    CancelAfter(int cancelAt, Scheduler on) {
      this.cancelAt = cancelAt;
      this.on = on;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      on.schedule(() -> request(1));
    }

    @Override
    protected void hookOnNext(ByteBuffer value) {
      if (received.incrementAndGet() == cancelAt) {
        on.schedule(() -> {
          cancel();
          cancelled.countDown();
        });
      } else {
        on.schedule(() -> request(1));
      }
    }
  }

  @ParameterizedTest(name = "cancelled from {0}")
  @ValueSource(strings = {"parallel", "netty"})
  void noReadAfterCancelFileClosedOnThePolicysThreadAndWorkerFree(String from) throws Exception {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    byte[] content = RecordingFileBackend.content(20 * RecordingFileBackend.CHUNK);
    backend.put("big", content);
    Scheduler on = from.equals("parallel") ? Schedulers.parallel() : netty.scheduler;
    // one worker only: if the cancelled stream held it, the next read could not run
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(1)).build()) {
      CancelAfter subscriber = new CancelAfter(3, on);
      op.read("big").subscribe(subscriber);

      assertThat(subscriber.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
      String closedOn = backend.closeEvents.poll(10, TimeUnit.SECONDS);
      assertThat(closedOn).isEqualTo("rdal-recfile-1");
      assertThat(backend.openHandles).hasValue(0);
      assertThat(backend.readThreads).hasSize(3);

      // the single worker is free: a whole second read completes, and the first stream never read again
      assertThat(op.readAllBytes("big").block(T)).isEqualTo(content);
      assertThat(backend.readThreads).hasSize(3 + 20);
      assertThat(subscriber.received).hasValue(3);
    }
  }

  /**
   * A cancel issued inside {@code onNext} on the read's own worker ({@code take(n, false)}, which
   * demands more than it takes) runs there at once: queued behind the task that is emitting, it would
   * let the pull source read the whole file first.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dedicated(1)", "global"})
  void aCancelInsideOnNextStopsTheReadAtOnce(String policy) throws Exception {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("big", RecordingFileBackend.content(20 * RecordingFileBackend.CHUNK));
    ExecutionPolicy p = policy.equals("global") ? ExecutionPolicy.global() : ExecutionPolicy.dedicated(1);
    try (Operator op = Operator.builder(backend).executionPolicy(p).build()) {
      assertThat(op.read("big").take(3, false).count().block(T)).isEqualTo(3); // demand unbounded
      assertThat(backend.closeEvents.poll(10, TimeUnit.SECONDS)).startsWith("rdal-");
      assertThat(backend.openHandles).hasValue(0);
      assertThat(backend.readThreads).hasSize(3);
    }
  }
}
