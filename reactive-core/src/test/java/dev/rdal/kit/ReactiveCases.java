package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Reactive contracts: laziness, backpressure, cancellation, buffer ownership, errors as signals, and
 * calls from non-blocking threads (BlockHound watches every test JVM).
 */
abstract class ReactiveCases extends KitCases {

  ReactiveCases(BehaviorKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("nothing happens until subscription")
  void lazyUntilSubscribed() {
    put(p("keep"), bytes(3));
    Mono<ObjectMeta> write = op().write(p("new"), bytes(3));
    Mono<Void> delete = op().delete(p("keep"));
    assertThat(write).isNotNull();
    assertThat(delete).isNotNull();
    assertThat(exists(p("new"))).isFalse();
    assertThat(exists(p("keep"))).isTrue();
  }

  @Test
  @DisplayName("bad input is an error signal, never an exception thrown by the call")
  void errorsAreSignals() {
    assertThatCode(() -> {
      op().read("");
      op().read(p("missing"));
      op().read("../x");
      op().stat("a\0b");
      op().list("..");
      op().write("", bytes(1));
      op().copy(p("missing"), "");
      op().rename("", p("x"));
      op().createDir("../x");
    }).doesNotThrowAnyException();
    StepVerifier.create(op().read(p("missing")))
        .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.NOT_FOUND)).isTrue())
        .verify(TIMEOUT);
  }

  @Test
  @DisplayName("a read is cold: each subscription reads the object again")
  void readIsCold() {
    byte[] content = bytes(1000);
    put(p("f"), content);
    Flux<ByteBuffer> read = op().read(p("f"));
    assertThat(collect(read).block(TIMEOUT)).isEqualTo(content);
    byte[] newer = bytes(10, 9);
    put(p("f"), newer);
    assertThat(collect(read).block(TIMEOUT)).isEqualTo(newer);
  }

  @Test
  @DisplayName("request(1) delivers exactly one buffer, then the subscriber may cancel")
  void requestOne() {
    put(p("f"), bytes(3 * 1024 * 1024));
    StepVerifier.create(op().read(p("f")), 1)
        .assertNext(b -> assertThat(b.remaining()).isPositive())
        .thenCancel()
        .verify(TIMEOUT);
  }

  @Test
  @DisplayName("backpressure: after request(1) the body produced at most one buffer plus the read-ahead bound")
  void backpressureBound() throws InterruptedException {
    long readAhead = kit.readAhead();
    int size = (int) Math.min(256L << 20, 3 * readAhead + (1 << 20));
    put(p("big"), bytes(size));
    AtomicLong emitted = new AtomicLong();
    AtomicLong discarded = new AtomicLong();
    AtomicInteger count = new AtomicInteger();
    CountDownLatch first = new CountDownLatch(1);
    BaseSubscriber<ByteBuffer> slow = new BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(Subscription s) {
        s.request(1);
      }

      @Override
      protected void hookOnNext(ByteBuffer b) {
        emitted.addAndGet(b.remaining());
        count.incrementAndGet();
        first.countDown();
      }
    };
    op().read(p("big"))
        .doOnDiscard(ByteBuffer.class, b -> discarded.addAndGet(b.remaining()))
        .subscribe(slow);
    assertThat(first.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("first buffer").isTrue();
    long firstBuffer = emitted.get();
    slow.cancel();
    assertThat(count).as("buffers delivered for request(1)").hasValue(1);
    assertThat(firstBuffer).as("one buffer is not the whole object").isLessThan(size);
    long produced = emitted.get() + discarded.get();
    assertThat(produced - firstBuffer)
        .as("bytes produced beyond demand (maxReadAheadBytes = %d)", readAhead)
        .isLessThanOrEqualTo(readAhead);
  }

  @Test
  @DisplayName("a cancelled read releases its resources")
  void cancelReleasesResources() throws InterruptedException {
    long before = measuredResources();
    put(p("big"), bytes((int) Math.min(64L << 20, 2 * kit.readAhead() + (1 << 20))));
    CountDownLatch first = new CountDownLatch(1);
    BaseSubscriber<ByteBuffer> one = new BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(Subscription s) {
        s.request(1);
      }

      @Override
      protected void hookOnNext(ByteBuffer b) {
        first.countDown();
      }
    };
    op().read(p("big")).subscribe(one);
    assertThat(first.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(kit.resources()).as("the open read holds a resource").isGreaterThan(before);
    one.cancel();
    awaitResourcesAtMost(before);
  }

  @Test
  @DisplayName("a completed read and a discarded read result release their resources")
  void completedAndDiscardedReadsRelease() throws InterruptedException {
    long before = measuredResources();
    put(p("f"), bytes(100_000));
    assertThat(get(p("f"))).hasSize(100_000);
    ReadResult r = readWithMeta(p("f"), ReadOptions.defaults());
    r.discard();
    awaitResourcesAtMost(before);
  }

  @Test
  @DisplayName("closing a positional reader releases its resources")
  void readerCloseReleases() throws InterruptedException {
    require(Capability.POSITIONAL_READ);
    long before = measuredResources();
    put(p("f"), bytes(1000));
    PositionalReader reader = op().openReader(p("f")).block(TIMEOUT);
    assertThat(reader.read(0, ByteBuffer.allocate(10)).block(TIMEOUT)).isEqualTo(10);
    assertThat(kit.resources()).as("the open reader holds a resource").isGreaterThan(before);
    reader.close();
    awaitResourcesAtMost(before);
  }

  /**
   * The open-resource count once releases still under way from earlier cases (a cancel handed to the
   * IO scheduler) have landed: the count, unchanged over three readings 10 ms apart (at most 2 s).
   */
  private long measuredResources() throws InterruptedException {
    long before = kit.resources();
    Assumptions.assumeTrue(before >= 0,
        "backend does not measure open resources (openResourceCount() returns -1)");
    int stable = 0;
    for (int i = 0; i < 200 && stable < 3; i++) {
      Thread.sleep(10);
      long now = kit.resources();
      stable = now == before ? stable + 1 : 0;
      before = now;
    }
    return before;
  }

  private void awaitResourcesAtMost(long bound) {
    if (kit.resources() <= bound) {
      return;
    }
    Long settled = Flux.interval(Duration.ofMillis(20), Schedulers.boundedElastic())
        .map(i -> kit.resources())
        .filter(c -> c <= bound)
        .next()
        .timeout(Duration.ofSeconds(10), Mono.fromCallable(kit::resources))
        .block(TIMEOUT);
    assertThat(settled).as("open resources after release").isLessThanOrEqualTo(bound);
  }

  @Test
  @DisplayName("a cancelled read leaves the object whole and writable")
  void cancelledReadLeavesObject() {
    byte[] content = bytes(2 * 1024 * 1024);
    put(p("f"), content);
    StepVerifier.create(op().read(p("f")), 1).expectNextCount(1).thenCancel().verify(TIMEOUT);
    assertThat(sha256(get(p("f")))).isEqualTo(sha256(content));
    put(p("f"), bytes(5));
    assertThat(get(p("f"))).hasSize(5);
  }

  @Test
  @DisplayName("emitted buffers belong to the subscriber: kept buffers are never reused")
  void buffersAreNotReused() {
    byte[] content = bytes(2 * 1024 * 1024 + 3);
    put(p("f"), content);
    List<ByteBuffer> kept = op().read(p("f")).collectList().block(TIMEOUT);
    assertThat(sha256(ReadCases.concat(kept))).isEqualTo(sha256(content));
  }

  @Test
  @DisplayName("changing an emitted buffer changes neither the object nor later reads")
  void buffersAreOwned() {
    byte[] content = bytes(1000);
    put(p("f"), content);
    op().read(p("f")).doOnNext(b -> {
      while (b.hasRemaining()) {
        b.put((byte) 0);
      }
    }).then().block(TIMEOUT);
    assertThat(get(p("f"))).isEqualTo(content);
  }

  @Test
  @DisplayName("a write's buffers may be reused by the caller once the write completes")
  void writeCopiesWhatItNeeds() {
    byte[] content = bytes(1000, 1);
    byte[] buffer = content.clone();
    put(p("f"), buffer);
    java.util.Arrays.fill(buffer, (byte) 7);
    assertThat(get(p("f"))).isEqualTo(content);
  }

  @Test
  @DisplayName("16 concurrent reads of one object each get the whole object")
  void concurrentReads() {
    byte[] content = bytes(300_000);
    put(p("f"), content);
    String expected = sha256(content);
    List<String> sums = Flux.range(0, 16)
        .flatMap(i -> collect(op().read(p("f"))).map(KitCases::sha256), 16)
        .collectList().block(TIMEOUT);
    assertThat(sums).hasSize(16).containsOnly(expected);
  }

  @Test
  @DisplayName("operations subscribed on a non-blocking thread complete without blocking it")
  void fromNonBlockingThread() {
    require(Capability.WRITE, Capability.LIST);
    byte[] content = bytes(200_000);
    Mono<Long> all = op().write(p("nb"), content)
        .then(collect(op().read(p("nb"))))
        .flatMap(b -> op().stat(p("nb")).map(m -> m.size() == b.length ? m.size() : -1L))
        .flatMap(n -> op().list(dir).count().map(c -> c == 1 ? n : -2L))
        .subscribeOn(Schedulers.parallel());
    assertThat(all.block(TIMEOUT)).isEqualTo(content.length);
  }

  @Test
  @DisplayName("StepVerifier: a write emits its metadata once and completes")
  void writeSignals() {
    require(Capability.WRITE);
    StepVerifier.create(op().write(p("f"), bytes(10)))
        .assertNext(m -> assertThat(m.size()).isEqualTo(10))
        .verifyComplete();
  }

  @Test
  @DisplayName("StepVerifier: a listing emits its entries in order and completes")
  void listSignals() {
    put(p("a"), bytes(1));
    put(p("b"), bytes(1));
    StepVerifier.create(op().list(dir).map(ObjectMeta::path))
        .expectNext(p("a"), p("b"))
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  @DisplayName("a listing is lazy: taking 3 of 200 entries cancels the rest")
  void listIsLazy() {
    Flux.range(0, 200).flatMap(i -> op().write(p(String.format("l/%03d", i)), new byte[0]), 16)
        .then().block(TIMEOUT);
    // take(3, true) asks the listing for exactly 3: with unbounded demand, an entry already on its way when
    // take cancels would reach take after it completed (allowed by Reactive Streams §1.8, dropped by Reactor)
    StepVerifier.create(op().list(p("l/")).map(ObjectMeta::name).take(3, true))
        .expectNext("000", "001", "002")
        .expectComplete()
        .verify(TIMEOUT);
    assertThat(list(p("l/"), ListOptions.defaults().withLimit(5))).hasSize(5);
  }

  @Test
  @DisplayName("StepVerifier: a read of a directory signals IS_A_DIRECTORY through onError")
  void readDirectorySignal() {
    put(p("d/f"), bytes(1));
    StepVerifier.create(op().read(p("d/")))
        .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.IS_A_DIRECTORY)).isTrue())
        .verify(TIMEOUT);
  }
}
