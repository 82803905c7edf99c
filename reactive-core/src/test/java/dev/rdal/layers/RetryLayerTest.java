package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Buffers;
import dev.rdal.ByteRange;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class RetryLayerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<RetryEvent> events = new CopyOnWriteArrayList<>();

  /** 100 ms, 200 ms, 400 ms, ... without jitter, so virtual time can be checked to the millisecond. */
  private RetryPolicy exact(int retries) {
    return RetryPolicy.defaults().withMaxRetries(retries).withJitter(0)
        .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withListener(events::add);
  }

  @Test
  void retriesTemporaryFailuresWithExponentialBackoffInVirtualTime() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("a", new byte[] {1, 2, 3});
    store.failNext("stat", 2, true);
    Backend retrying = new RetryLayer(exact(3)).wrap(store);

    StepVerifier.withVirtualTime(() -> retrying.stat("a"))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(99))
        .thenAwait(Duration.ofMillis(1))
        .expectNoEvent(Duration.ofMillis(199))
        .thenAwait(Duration.ofMillis(1))
        .assertNext(m -> assertThat(m.size()).isEqualTo(3))
        .expectComplete()
        .verify(WAIT);

    assertThat(store.calls("stat")).isEqualTo(3);
    assertThat(events).extracting(RetryEvent::retry).containsExactly(1L, 2L);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.operation()).isEqualTo("stat");
      assertThat(e.path()).isEqualTo("a");
      assertThat(e.backend()).isEqualTo("memory");
      assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED);
    });
  }

  @Test
  void permanentErrorsPassAtOnce() {
    ScriptedBackend store = new ScriptedBackend();
    store.failNext("stat", 1, false);
    Backend retrying = new RetryLayer(exact(3)).wrap(store);

    StepVerifier.create(retrying.stat("a"))
        .expectErrorSatisfies(e -> assertThat(((RdalException) e).isTemporary()).isFalse())
        .verify(WAIT);
    StepVerifier.create(retrying.stat("missing"))
        .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.NOT_FOUND)).isTrue())
        .verify(WAIT);
    assertThat(store.calls("stat")).isEqualTo(2);
    assertThat(events).isEmpty();
  }

  @Test
  void attemptsAreBoundedAndTheLastFailureIsReported() {
    ScriptedBackend store = new ScriptedBackend();
    store.failNext("delete", 10, true);
    Backend retrying = new RetryLayer(exact(2)).wrap(store);

    StepVerifier.withVirtualTime(() -> retrying.delete("a"))
        .expectSubscription()
        .thenAwait(Duration.ofMillis(300))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(RdalException.class);
          assertThat(((RdalException) e).isTemporary()).isTrue();
          assertThat(e.getMessage()).contains("scripted temporary failure of delete");
        })
        .verify(WAIT);
    assertThat(store.calls("delete")).isEqualTo(3);
    assertThat(events).hasSize(2);
  }

  @Test
  void totalTimeIsBounded() {
    ScriptedBackend store = new ScriptedBackend();
    store.failNext("stat", 10, true);
    Backend retrying = new RetryLayer(exact(10).withMaxElapsed(Duration.ofMillis(250))).wrap(store);

    // attempts at 0, 100 and 300 ms; at 300 ms the 250 ms budget is spent, so no fourth attempt
    StepVerifier.withVirtualTime(() -> retrying.stat("a"))
        .expectSubscription()
        .thenAwait(Duration.ofMillis(300))
        .expectError(RdalException.class)
        .verify(WAIT);
    assertThat(store.calls("stat")).isEqualTo(3);
  }

  @Test
  void readBrokenMidStreamResumesFromTheByteItReached() {
    ScriptedBackend store = new ScriptedBackend();
    byte[] content = ScriptedBackend.bytes(3 * MemoryBackend.CHUNK_SIZE + 123, 1);
    ObjectMeta meta = store.put("big", content);
    store.cutNextRead(MemoryBackend.CHUNK_SIZE + 7).cutNextRead(5);
    Backend retrying = new RetryLayer(exact(3)).wrap(store);

    StepVerifier.withVirtualTime(() -> retrying.read("big", ReadRequest.all()).flatMap(ReadResult::bodyBytes))
        .expectSubscription()
        .thenAwait(Duration.ofSeconds(1))
        .assertNext(got -> assertThat(got).isEqualTo(content))
        .expectComplete()
        .verify(WAIT);

    assertThat(store.reads).hasSize(3);
    assertThat(store.reads.get(1).range()).isEqualTo(ByteRange.of(MemoryBackend.CHUNK_SIZE + 7,
        content.length - (MemoryBackend.CHUNK_SIZE + 7)));
    assertThat(store.reads.get(1).ifMatch()).isEqualTo(meta.etag());
    assertThat(store.reads.get(2).range().offset()).isEqualTo(MemoryBackend.CHUNK_SIZE + 12);
    assertThat(events).extracting(RetryEvent::operation).containsExactly("read.resume", "read.resume");
  }

  @Test
  void resumedReadDeliversIdenticalBytes() {
    ScriptedBackend store = new ScriptedBackend();
    byte[] content = ScriptedBackend.bytes(2 * MemoryBackend.CHUNK_SIZE + 5, 2);
    store.put("f", content);
    store.cutNextRead(1000);
    Backend retrying = new RetryLayer(exact(3).withBackoff(Duration.ofMillis(1), Duration.ofMillis(1))).wrap(store);

    byte[] got = retrying.read("f", ReadRequest.all()).flatMap(ReadResult::bodyBytes).block(WAIT);
    assertThat(got).isEqualTo(content);
    assertThat(events).hasSize(1);
  }

  @Test
  void resumeOfAnObjectThatChangedFailsWithConditionNotMet() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("f", ScriptedBackend.bytes(4000, 3));
    store.cutNextRead(100);
    Backend retrying = new RetryLayer(exact(3)).wrap(store);

    List<ByteBuffer> seen = new CopyOnWriteArrayList<>();
    StepVerifier.withVirtualTime(() -> retrying.read("f", ReadRequest.all())
            .flatMapMany(r -> {
              store.put("f", ScriptedBackend.bytes(4000, 4)); // a writer replaces it mid-read
              return r.body();
            }).doOnNext(seen::add))
        .expectNextCount(1)
        .thenAwait(Duration.ofSeconds(1))
        .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.CONDITION_NOT_MET)).isTrue())
        .verify(WAIT);
    assertThat(seen.stream().mapToInt(ByteBuffer::remaining).sum()).isEqualTo(100);
  }

  @Test
  void replayableWritesAreRetried() {
    ScriptedBackend store = new ScriptedBackend();
    store.failNext("write", 2, true);
    Backend retrying = new RetryLayer(exact(3)).wrap(store);
    byte[] content = {9, 8, 7};

    StepVerifier.withVirtualTime(() -> retrying.write("w", Buffers.of(content),
            WriteOptions.defaults().withReplayableBody(true)))
        .expectSubscription()
        .thenAwait(Duration.ofMillis(300))
        .assertNext(m -> assertThat(m.size()).isEqualTo(3))
        .expectComplete()
        .verify(WAIT);
    assertThat(store.calls("write")).isEqualTo(3);
    assertThat(Buffers.collect(store.inner().read("w", ReadRequest.all()).flatMapMany(ReadResult::body)).block(WAIT))
        .isEqualTo(content);
  }

  @Test
  void writesWithABodyReadOnceAreNotRetriedAndSaySo() {
    ScriptedBackend store = new ScriptedBackend();
    store.failNext("write", 1, true);
    Backend retrying = new RetryLayer(exact(3)).wrap(store);

    StepVerifier.create(retrying.write("w", Flux.just(ByteBuffer.wrap(new byte[] {1})), WriteOptions.defaults()))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(RdalException.class);
          assertThat(e.getMessage()).contains("not retried").contains("withReplayableBody(true)");
          assertThat(e.getCause()).hasMessageContaining("scripted temporary failure of write");
        })
        .verify(WAIT);
    assertThat(store.calls("write")).isEqualTo(1);
    StepVerifier.create(store.inner().stat("w"))
        .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.NOT_FOUND)).isTrue())
        .verify(WAIT);
  }

  /** A body that can be subscribed once only, as a network upload would be. */
  private static Flux<ByteBuffer> once(byte[] content, int chunk) {
    Sinks.Many<ByteBuffer> sink = Sinks.many().unicast().onBackpressureBuffer();
    for (int i = 0; i < content.length; i += chunk) {
      sink.tryEmitNext(ByteBuffer.wrap(content, i, Math.min(chunk, content.length - i)).slice());
    }
    sink.tryEmitComplete();
    return sink.asFlux();
  }

  @Test
  void aBodyReadOnceIsRetriedWhenItFitsTheReplayBuffer() {
    ScriptedBackend store = new ScriptedBackend();
    store.failNext("write", 2, true);
    Backend retrying = new RetryLayer(exact(3).withWriteReplayBuffer(10_000)).wrap(store);
    byte[] content = ScriptedBackend.bytes(5000, 21);

    StepVerifier.withVirtualTime(() -> retrying.write("w", once(content, 1000), WriteOptions.defaults()))
        .expectSubscription()
        .thenAwait(Duration.ofMillis(300))
        .assertNext(m -> assertThat(m.size()).isEqualTo(5000))
        .expectComplete()
        .verify(WAIT);
    assertThat(store.calls("write")).isEqualTo(3);
    assertThat(Buffers.collect(store.inner().read("w", ReadRequest.all()).flatMapMany(ReadResult::body)).block(WAIT))
        .isEqualTo(content);
  }

  @Test
  void aBodyLargerThanTheReplayBufferIsStreamedOnceAndNotRetried() {
    ScriptedBackend store = new ScriptedBackend();
    Backend retrying = new RetryLayer(exact(3).withWriteReplayBuffer(2500)).wrap(store);
    byte[] content = ScriptedBackend.bytes(5000, 22);
    assertThat(retrying.write("ok", once(content, 1000), WriteOptions.defaults()).block(WAIT).size()).isEqualTo(5000);
    assertThat(Buffers.collect(store.inner().read("ok", ReadRequest.all()).flatMapMany(ReadResult::body)).block(WAIT))
        .isEqualTo(content);

    store.failNext("write", 1, true);
    StepVerifier.create(retrying.write("w", once(content, 1000), WriteOptions.defaults()))
        .expectErrorSatisfies(e -> assertThat(e.getMessage()).contains("not retried").contains("replay buffer"))
        .verify(WAIT);
    assertThat(store.calls("write")).isEqualTo(2);
  }

  @Test
  void aBodyThatFailsWhileGatheredFailsTheWriteWithItsOwnError() {
    ScriptedBackend store = new ScriptedBackend();
    Backend retrying = new RetryLayer(exact(3).withWriteReplayBuffer(10_000)).wrap(store);
    Flux<ByteBuffer> broken = Flux.just(ByteBuffer.wrap(new byte[10]))
        .concatWith(Flux.error(RdalException.of(ErrorKind.RATE_LIMITED, "producer says slow down")));
    StepVerifier.create(retrying.write("w", broken, WriteOptions.defaults()))
        .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.RATE_LIMITED)).isTrue())
        .verify(WAIT);
    assertThat(store.calls("write")).isZero();
  }

  @Test
  void byteArrayWritesThroughTheOperatorAreReplayable() {
    ScriptedBackend store = new ScriptedBackend();
    store.failNext("write", 1, true);
    try (Operator op = Operator.builder(store)
        .layer(new RetryLayer(exact(3).withBackoff(Duration.ofMillis(1), Duration.ofMillis(1))))
        .build()) {
      op.write("w", new byte[] {5, 6}).block(WAIT);
      assertThat(op.readAllBytes("w").block(WAIT)).containsExactly(5, 6);
    }
    assertThat(store.calls("write")).isEqualTo(2);
  }

  @Test
  void listingsAreRetriedOnlyBeforeTheirFirstEntry() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("d/a", new byte[1]);
    store.failNext("list", 1, true);
    Backend retrying = new RetryLayer(exact(3)).wrap(store);

    StepVerifier.withVirtualTime(() -> retrying.list("d/", dev.rdal.ListOptions.defaults()))
        .expectSubscription()
        .thenAwait(Duration.ofMillis(100))
        .assertNext(m -> assertThat(m.path()).isEqualTo("d/a"))
        .expectComplete()
        .verify(WAIT);
    assertThat(store.calls("list")).isEqualTo(2);
  }

  @Test
  void aBlockingBackendIsRetriedOnTheExecutionPolicysThreads() {
    ScriptedBackend store = new ScriptedBackend(true);
    store.put("a", new byte[] {1});
    store.failNext("stat", 2, true);
    try (Operator op = Operator.builder(store)
        .executionPolicy(ExecutionPolicy.dedicated(2))
        .layer(new RetryLayer(exact(3).withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))))
        .build()) {
      assertThat(op.stat("a").block(WAIT).size()).isEqualTo(1);
    }
    assertThat(store.threads).hasSize(3).allSatisfy(t -> assertThat(t).startsWith("rdal-memory"));
  }

  @Test
  void capabilitiesPassThrough() {
    MemoryBackend memory = new MemoryBackend();
    assertThat(new RetryLayer(RetryPolicy.defaults()).wrap(memory).capabilities()).isEqualTo(memory.capabilities());
  }
}
