package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ByteRange;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.memory.MemoryBackend;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The operator's own resume (RangedRead over ResumableBody) keeps working without any layer. */
class OperatorResumeTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aBrokenBodyIsResumedAtOnceWithIdenticalBytes() {
    ScriptedBackend store = new ScriptedBackend();
    byte[] content = ScriptedBackend.bytes(2 * MemoryBackend.CHUNK_SIZE + 9, 11);
    String etag = store.put("f", content).etag();
    store.cutNextRead(70_000).cutNextRead(1);
    try (Operator op = Operator.builder(store).build()) {
      assertThat(op.readAllBytes("f").block(WAIT)).isEqualTo(content);
    }
    assertThat(store.reads).hasSize(3);
    assertThat(store.reads.get(1).range()).isEqualTo(ByteRange.of(70_000, content.length - 70_000));
    assertThat(store.reads.get(1).ifMatch()).isEqualTo(etag);
    assertThat(store.reads.get(2).range().offset()).isEqualTo(70_001);
  }

  @Test
  void aRangeIsResumedWithinItsBounds() {
    ScriptedBackend store = new ScriptedBackend();
    byte[] content = ScriptedBackend.bytes(10_000, 12);
    store.put("f", content);
    store.cutNextRead(100);
    try (Operator op = Operator.builder(store).build()) {
      byte[] got = dev.rdal.Buffers.collect(op.read("f", ReadOptions.range(ByteRange.of(1000, 5000)))).block(WAIT);
      assertThat(got).isEqualTo(Arrays.copyOfRange(content, 1000, 6000));
    }
    assertThat(store.reads.get(1).range()).isEqualTo(ByteRange.of(1100, 4900));
  }

  @Test
  void resumesAreBounded() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("f", ScriptedBackend.bytes(1000, 13));
    store.cutNextRead(10).cutNextRead(10).cutNextRead(10);
    try (Operator op = Operator.builder(store).maxResumes(2).build()) {
      StepVerifier.create(op.readAllBytes("f"))
          .expectErrorSatisfies(e -> {
            assertThat(((RdalException) e).isTemporary()).isTrue();
            assertThat(e.getMessage()).contains("scripted cut");
          })
          .verify(WAIT);
    }
    assertThat(store.reads).hasSize(3);
  }

  @Test
  void aChangedObjectIsNeverStitched() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("f", ScriptedBackend.bytes(1000, 14));
    store.cutNextRead(10);
    try (Operator op = Operator.builder(store).build()) {
      StepVerifier.create(op.readWithMeta("f", ReadOptions.defaults())
              .flatMap(r -> {
                store.put("f", ScriptedBackend.bytes(1000, 15));
                return r.bodyBytes();
              }))
          .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.CONDITION_NOT_MET)).isTrue())
          .verify(WAIT);
    }
  }

  @Test
  void aBodyLongerThanItsContentRangeFailsBeforeTheExcessIsDelivered() {
    MemoryBackend memory = new MemoryBackend();
    memory.write("f", dev.rdal.Buffers.of(new byte[100]), dev.rdal.WriteOptions.defaults()).block(WAIT);
    dev.rdal.spi.Backend overlong = new dev.rdal.spi.ForwardingBackend(memory) {
      @Override
      public reactor.core.publisher.Mono<dev.rdal.ReadResult> read(String path, dev.rdal.spi.ReadRequest request) {
        return inner.read(path, request).map(r -> r.withBody(
            r.body().concatWith(reactor.core.publisher.Flux.just(java.nio.ByteBuffer.allocate(5)))));
      }
    };
    java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
    try (Operator op = Operator.builder(overlong).maxResumes(0).build()) {
      StepVerifier.create(op.read("f").doOnNext(b -> delivered.addAndGet(b.remaining())))
          .thenConsumeWhile(b -> true)
          .expectErrorSatisfies(e -> {
            assertThat(RdalException.isKind(e, ErrorKind.UNEXPECTED)).isTrue();
            assertThat(e.getMessage()).contains("more than the 100 bytes");
          })
          .verify(WAIT);
    }
    assertThat(delivered.get()).isEqualTo(100);
  }
}
