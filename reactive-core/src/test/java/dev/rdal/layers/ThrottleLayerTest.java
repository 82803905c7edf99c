package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class ThrottleLayerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int CHUNK = MemoryBackend.CHUNK_SIZE;

  @Test
  void aReadIsPacedToTheRateInVirtualTime() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("f", new byte[4 * CHUNK]);
    // one chunk per second, burst of one chunk: chunks at 0, 1, 2 and 3 s
    Backend throttled = new ThrottleLayer(CHUNK, CHUNK, null).wrap(store);

    StepVerifier.withVirtualTime(() -> throttled.read("f", ReadRequest.all()).flatMapMany(ReadResult::body))
        .expectNextCount(1)
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectNextCount(1)
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectNextCount(1)
        .thenAwait(Duration.ofSeconds(1))
        .expectNextCount(1)
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void allStreamsShareOneBucket() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("a", new byte[2 * CHUNK]);
    store.put("b", new byte[2 * CHUNK]);
    Backend throttled = new ThrottleLayer(CHUNK, CHUNK, null).wrap(store);

    // four chunks in all at one chunk per second, burst one chunk: the last passes at 3 s, not 1 s
    StepVerifier.withVirtualTime(() -> Flux.merge(
                throttled.read("a", ReadRequest.all()).flatMapMany(ReadResult::body),
                throttled.read("b", ReadRequest.all()).flatMapMany(ReadResult::body))
            .count())
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(2999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(4L)
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void writesArePacedToo() {
    MemoryBackend memory = new MemoryBackend();
    Backend throttled = new ThrottleLayer(1000, 1000, null).wrap(memory);
    Flux<ByteBuffer> body = Flux.range(0, 3).map(i -> ByteBuffer.wrap(new byte[1000]));

    StepVerifier.withVirtualTime(() -> throttled.write("w", body, WriteOptions.defaults()))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(1999))
        .thenAwait(Duration.ofMillis(1))
        .assertNext(m -> assertThat(m.size()).isEqualTo(3000))
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void tokenBucketLetsABurstPassThenChargesDebt() {
    TokenBucket bucket = new TokenBucket(1000, 500);
    assertThat(bucket.reserve(500, 0)).isZero();
    assertThat(bucket.reserve(250, 0)).isBetween(250_000_000L, 250_000_001L);
    assertThat(bucket.reserve(250, 0)).isBetween(500_000_000L, 500_000_001L);
    // after a quiet period the bucket refills, but never beyond its burst
    assertThat(bucket.reserve(500, 10_000_000_000L)).isZero();
    assertThat(bucket.reserve(1, 10_000_000_000L)).isPositive();
  }
}
