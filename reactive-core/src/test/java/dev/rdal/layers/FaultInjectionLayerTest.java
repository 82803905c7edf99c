package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Buffers;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class FaultInjectionLayerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static List<String> outcomes(Backend b, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(b.stat("a").map(m -> "ok").onErrorResume(e -> Mono.just("fail")).block(WAIT));
    }
    return out;
  }

  private static MemoryBackend withFile(int size) {
    MemoryBackend memory = new MemoryBackend();
    memory.write("a", Buffers.of(ScriptedBackend.bytes(size, 7)), WriteOptions.defaults()).block(WAIT);
    return memory;
  }

  @Test
  void errorsAreTemporaryAtTheConfiguredRateAndReproducibleBySeed() {
    MemoryBackend memory = withFile(10);
    FaultPolicy policy = FaultPolicy.none(42).withErrorRate(0.2);
    List<String> first = outcomes(new FaultInjectionLayer(policy).wrap(memory), 1000);
    List<String> again = outcomes(new FaultInjectionLayer(policy).wrap(memory), 1000);
    List<String> other = outcomes(new FaultInjectionLayer(FaultPolicy.none(43).withErrorRate(0.2)).wrap(memory), 1000);

    assertThat(first).isEqualTo(again);
    assertThat(first).isNotEqualTo(other);
    assertThat(first.stream().filter("fail"::equals).count()).isBetween(150L, 250L);

    StepVerifier.create(new FaultInjectionLayer(FaultPolicy.none(1).withErrorRate(1)).wrap(memory).stat("a"))
        .expectErrorSatisfies(e -> {
          assertThat(RdalException.isKind(e, ErrorKind.UNEXPECTED)).isTrue();
          assertThat(((RdalException) e).isTemporary()).isTrue();
          assertThat(e.getMessage()).contains("injected fault");
        })
        .verify(WAIT);
  }

  @Test
  void ratesMayDifferPerOperation() {
    MemoryBackend memory = withFile(10);
    Backend faulty = new FaultInjectionLayer(FaultPolicy.none(1).withErrorRate(0).withErrorRate("stat", 1)).wrap(memory);
    StepVerifier.create(faulty.stat("a")).expectError(RdalException.class).verify(WAIT);
    assertThat(faulty.read("a", ReadRequest.all()).flatMap(ReadResult::bodyBytes).block(WAIT)).hasSize(10);
  }

  @Test
  void cutsABodyAfterARandomNumberOfBytes() {
    byte[] content = ScriptedBackend.bytes(3 * MemoryBackend.CHUNK_SIZE, 7);
    MemoryBackend memory = withFile(content.length);
    Backend faulty = new FaultInjectionLayer(FaultPolicy.none(5).withCutRate(1)).wrap(memory);

    List<ByteBuffer> got = new ArrayList<>();
    StepVerifier.create(faulty.read("a", ReadRequest.all()).flatMapMany(ReadResult::body).doOnNext(got::add))
        .thenConsumeWhile(b -> true)
        .expectErrorSatisfies(e -> {
          assertThat(((RdalException) e).isTemporary()).isTrue();
          assertThat(e.getMessage()).contains("body cut after");
        })
        .verify(WAIT);
    byte[] prefix = Buffers.collect(reactor.core.publisher.Flux.fromIterable(got)).block(WAIT);
    assertThat(prefix.length).isLessThan(content.length);
    assertThat(prefix).isEqualTo(java.util.Arrays.copyOf(content, prefix.length));
  }

  @Test
  void aCutWriteLeavesNothing() {
    MemoryBackend memory = new MemoryBackend();
    Backend faulty = new FaultInjectionLayer(FaultPolicy.none(9).withCutRate(1).withCutWithin(100)).wrap(memory);
    StepVerifier.create(faulty.write("w", Buffers.of(new byte[1000]), WriteOptions.defaults()))
        .expectErrorSatisfies(e -> assertThat(e.getMessage()).contains("body cut after"))
        .verify(WAIT);
    StepVerifier.create(memory.stat("w"))
        .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.NOT_FOUND)).isTrue())
        .verify(WAIT);
  }

  @Test
  void addsLatencyOnATimer() {
    MemoryBackend memory = withFile(10);
    Backend slow = new FaultInjectionLayer(FaultPolicy.none(1).withLatency(Duration.ofMillis(500))).wrap(memory);
    StepVerifier.withVirtualTime(() -> slow.stat("a"))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(499))
        .thenAwait(Duration.ofMillis(1))
        .expectNextCount(1)
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void capabilitiesPassThrough() {
    MemoryBackend memory = new MemoryBackend();
    assertThat(new FaultInjectionLayer(FaultPolicy.none(1)).wrap(memory).capabilities()).isEqualTo(memory.capabilities());
  }
}
