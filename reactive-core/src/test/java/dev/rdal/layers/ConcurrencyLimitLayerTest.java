package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ObjectMeta;
import dev.rdal.ReadResult;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.ReadRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ConcurrencyLimitLayerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A store whose stat answers only when the test says so, recording the order calls arrive in. */
  private static final class GatedBackend extends ForwardingBackend {
    final List<String> started = new CopyOnWriteArrayList<>();
    final Map<String, Sinks.One<ObjectMeta>> gates = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    GatedBackend() {
      super(new MemoryBackend());
    }

    @Override
    public Mono<ObjectMeta> stat(String path) {
      return Mono.defer(() -> {
        started.add(path);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return gates.computeIfAbsent(path, p -> Sinks.one()).asMono();
      }).doOnTerminate(inFlight::decrementAndGet).doOnCancel(inFlight::decrementAndGet);
    }

    void open(String path) {
      gates.computeIfAbsent(path, p -> Sinks.one()).tryEmitValue(ObjectMeta.file(path, 0, Instant.EPOCH, "\"e\""));
    }
  }

  @Test
  void atMostNInFlightAndWaitersRunInArrivalOrder() {
    GatedBackend store = new GatedBackend();
    Backend limited = new ConcurrencyLimitLayer(2).wrap(store);
    List<String> done = new CopyOnWriteArrayList<>();
    List<Disposable> calls = new CopyOnWriteArrayList<>();
    for (String p : List.of("a", "b", "c", "d", "e")) {
      calls.add(limited.stat(p).subscribe(m -> done.add(m.path())));
    }
    assertThat(store.started).containsExactly("a", "b");

    store.open("b");
    assertThat(store.started).containsExactly("a", "b", "c");
    store.open("a");
    assertThat(store.started).containsExactly("a", "b", "c", "d");
    store.open("d");
    store.open("c");
    store.open("e");
    assertThat(store.started).containsExactly("a", "b", "c", "d", "e");
    assertThat(done).containsExactly("b", "a", "d", "c", "e");
    assertThat(store.maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void cancellingAWaiterGivesUpItsPlace() {
    GatedBackend store = new GatedBackend();
    Backend limited = new ConcurrencyLimitLayer(1).wrap(store);
    limited.stat("a").subscribe();
    Disposable b = limited.stat("b").subscribe();
    limited.stat("c").subscribe();
    b.dispose();

    store.open("a");
    assertThat(store.started).containsExactly("a", "c");
  }

  @Test
  void cancellingARunningCallFreesItsPermit() {
    GatedBackend store = new GatedBackend();
    Backend limited = new ConcurrencyLimitLayer(1).wrap(store);
    Disposable a = limited.stat("a").subscribe();
    limited.stat("b").subscribe();
    assertThat(store.started).containsExactly("a");
    a.dispose();
    assertThat(store.started).containsExactly("a", "b");
  }

  @Test
  void aReadHoldsItsPermitUntilItsBodyEnds() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("f", new byte[3 * MemoryBackend.CHUNK_SIZE]);
    Backend limited = new ConcurrencyLimitLayer(1).wrap(store);

    ReadResult first = limited.read("f", ReadRequest.all()).block(WAIT);
    List<ReadResult> second = new CopyOnWriteArrayList<>();
    limited.read("f", ReadRequest.all()).subscribe(second::add);
    assertThat(second).isEmpty();

    StepVerifier.create(first.body(), 1)
        .expectNextCount(1)
        .then(() -> assertThat(second).isEmpty())
        .thenCancel()
        .verify(WAIT);
    assertThat(second).hasSize(1);
    second.get(0).discard();

    // a body read to its end frees the permit too
    ReadResult third = limited.read("f", ReadRequest.all()).block(WAIT);
    assertThat(third.bodyBytes().block(WAIT)).hasSize(3 * MemoryBackend.CHUNK_SIZE);
    limited.read("f", ReadRequest.all()).block(WAIT).discard();
  }

  @Test
  void manyConcurrentCallsNeverExceedTheLimit() {
    GatedBackend gated = new GatedBackend();
    Backend limited = new ConcurrencyLimitLayer(3).wrap(new ForwardingBackend(gated) {
      @Override
      public Mono<ObjectMeta> stat(String path) {
        gated.open(path);
        return gated.stat(path).delayElement(Duration.ofMillis(1));
      }
    });
    Long n = Flux.range(0, 200)
        .flatMap(i -> limited.stat("p" + i).subscribeOn(Schedulers.parallel()), 50)
        .count()
        .block(WAIT);
    assertThat(n).isEqualTo(200);
    assertThat(gated.maxInFlight.get()).isBetween(1, 3);
  }

  @Test
  void capabilitiesPassThrough() {
    MemoryBackend memory = new MemoryBackend();
    assertThat(new ConcurrencyLimitLayer(1).wrap(memory).capabilities()).isEqualTo(memory.capabilities());
  }

  @Test
  void fairPermitsDrainWithoutRecursion() {
    FairPermits permits = new FairPermits(1);
    FairPermits.Holder first = permits.holder();
    permits.acquire(first).block(WAIT);
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < 10_000; i++) {
      FairPermits.Holder h = permits.holder();
      permits.acquire(h).subscribe(v -> { }, e -> { }, () -> {
        ran.incrementAndGet();
        h.release();
      });
    }
    assertThat(permits.waiting()).isEqualTo(10_000);
    first.release();
    assertThat(ran.get()).isEqualTo(10_000);
    assertThat(permits.available()).isEqualTo(1);
  }
}
