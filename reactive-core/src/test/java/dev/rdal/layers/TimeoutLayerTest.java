package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TimeoutLayerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static void assertTimeout(Throwable e, String words) {
    assertThat(e).isInstanceOf(RdalException.class);
    RdalException r = (RdalException) e;
    assertThat(r.kind()).isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(r.isTemporary()).isTrue();
    assertThat(r.getMessage()).contains(words);
  }

  @Test
  void aCallPastItsDeadlineIsCancelledAndFailsTemporary() {
    AtomicBoolean cancelled = new AtomicBoolean();
    Backend hanging = new ForwardingBackend(new MemoryBackend()) {
      @Override
      public Mono<ObjectMeta> stat(String path) {
        return Mono.<ObjectMeta>never().doOnCancel(() -> cancelled.set(true));
      }
    };
    Backend timed = new TimeoutLayer(Duration.ofSeconds(1), null).wrap(hanging);

    StepVerifier.withVirtualTime(() -> timed.stat("a"))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectErrorSatisfies(e -> assertTimeout(e, "deadline of PT1S"))
        .verify(WAIT);
    assertThat(cancelled).isTrue();
  }

  @Test
  void aStalledReadBodyFailsAfterTheIdleTimeoutKeepingWhatItDelivered() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("f", ScriptedBackend.bytes(1000, 1));
    store.stallNextRead(100);
    Backend timed = new TimeoutLayer(Duration.ofSeconds(30), Duration.ofSeconds(5)).wrap(store);

    StepVerifier.withVirtualTime(() -> timed.read("f", ReadRequest.all()).flatMapMany(ReadResult::body))
        .assertNext(b -> assertThat(b.remaining()).isEqualTo(100))
        .expectNoEvent(Duration.ofMillis(4999))
        .thenAwait(Duration.ofMillis(1))
        .expectErrorSatisfies(e -> assertTimeout(e, "idle timeout"))
        .verify(WAIT);
  }

  @Test
  void aStalledWriteBodyFailsAndLeavesNothing() {
    MemoryBackend memory = new MemoryBackend();
    Backend timed = new TimeoutLayer(null, Duration.ofSeconds(2)).wrap(memory);
    Flux<ByteBuffer> stalls = Flux.just(ByteBuffer.wrap(new byte[10])).concatWith(Flux.never());

    StepVerifier.withVirtualTime(() -> timed.write("w", stalls, WriteOptions.defaults()))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(1999))
        .thenAwait(Duration.ofMillis(1))
        .expectErrorSatisfies(e -> assertTimeout(e, "idle timeout"))
        .verify(WAIT);
    StepVerifier.create(memory.stat("w"))
        .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.NOT_FOUND)).isTrue())
        .verify(WAIT);
  }

  @Test
  void retryOutsideTimeoutResumesAStalledBodyWithIdenticalBytes() {
    ScriptedBackend store = new ScriptedBackend();
    byte[] content = ScriptedBackend.bytes(2 * MemoryBackend.CHUNK_SIZE + 77, 2);
    store.put("f", content);
    store.stallNextRead(MemoryBackend.CHUNK_SIZE + 3);
    Backend stack = new RetryLayer(RetryPolicy.defaults().withJitter(0))
        .wrap(new TimeoutLayer(Duration.ofSeconds(30), Duration.ofSeconds(5)).wrap(store));

    StepVerifier.withVirtualTime(() -> stack.read("f", ReadRequest.all()).flatMap(ReadResult::bodyBytes))
        .expectSubscription()
        .thenAwait(Duration.ofSeconds(6))
        .assertNext(got -> assertThat(got).isEqualTo(content))
        .expectComplete()
        .verify(WAIT);
    assertThat(store.reads).hasSize(2);
  }

  @Test
  void fastCallsPass() {
    MemoryBackend memory = new MemoryBackend();
    Backend timed = new TimeoutLayer(Duration.ofSeconds(1), Duration.ofSeconds(1)).wrap(memory);
    timed.write("a", Flux.just(ByteBuffer.wrap(new byte[] {1, 2})), WriteOptions.defaults()).block(WAIT);
    assertThat(timed.read("a", ReadRequest.all()).flatMap(ReadResult::bodyBytes).block(WAIT)).containsExactly(1, 2);
    assertThat(timed.capabilities()).isEqualTo(memory.capabilities());
  }

  @Test
  void refusesNonPositiveLimits() {
    assertThatThrownBy(() -> new TimeoutLayer(Duration.ZERO, null))
        .satisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.INVALID_INPUT)).isTrue());
  }
}
