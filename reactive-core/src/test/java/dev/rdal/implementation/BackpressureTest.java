package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * Guarantee 6: backpressure holds across the hop. A subscriber asking for one chunk at a time never has
 * more than the documented prefetch read ahead: {@link ExecutionLayer#BLOCKING_READ_AHEAD} for a blocking
 * backend, {@link ExecutionLayer#DELIVERY_PREFETCH} across the delivery hop of a non-blocking one.
 */
class BackpressureTest {

  private static final Duration T = Duration.ofSeconds(10);
  private static EventLoops netty;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    netty = new EventLoops("bp-loop");
  }

  @AfterAll
  static void stop() {
    netty.close();
  }

  /** Requests chunks one by one, recording after each how many the backend has produced. */
  private static List<Integer> aheadAfterEachChunk(reactor.core.publisher.Flux<ByteBuffer> body, int chunks,
      IntSupplier produced) {
    List<Integer> ahead = new CopyOnWriteArrayList<>();
    StepVerifier.Step<ByteBuffer> step = StepVerifier.create(body, 0).thenRequest(1);
    for (int i = 1; i <= chunks; i++) {
      int delivered = i;
      step = step.assertNext(b -> ahead.add(produced.getAsInt() - delivered));
      if (i < chunks) {
        step = step.thenRequest(1);
      }
    }
    step.thenRequest(1).verifyComplete();
    return ahead;
  }

  @Test
  void blockingBackendReadsNothingAheadOfDemand() {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("big", RecordingFileBackend.content(12 * RecordingFileBackend.CHUNK));
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(2)).build()) {
      List<Integer> ahead = aheadAfterEachChunk(op.read("big"), 12, backend.readThreads::size);
      assertThat(ahead).hasSize(12).allSatisfy(a -> assertThat(a).isLessThanOrEqualTo(ExecutionLayer.BLOCKING_READ_AHEAD));
    }
  }

  @Test
  void nonBlockingBackendHoldsAtMostTheDeliveryPrefetchAcrossTheHop() {
    EventLoopBackend backend = new EventLoopBackend(netty.loop);
    backend.put("big", new byte[40 * EventLoopBackend.CHUNK]);
    try (Operator op = Operator.builder(backend).build()) {
      List<Integer> ahead = aheadAfterEachChunk(op.read("big"), 40,
          () -> (int) backend.emitted.get("big").get());
      assertThat(ahead).hasSize(40).allSatisfy(a -> assertThat(a).isLessThanOrEqualTo(ExecutionLayer.DELIVERY_PREFETCH));
      assertThat(backend.requested.get("big").get()).isLessThanOrEqualTo(40 + ExecutionLayer.DELIVERY_PREFETCH);
    }
  }
}
