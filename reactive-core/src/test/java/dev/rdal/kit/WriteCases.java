package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Writes: content, options, atomicity under failure, cancellation and concurrency. */
abstract class WriteCases extends KitCases {

  WriteCases(BehaviorKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("a write returns the new object's metadata, and stat agrees")
  void writeReturnsMeta() {
    ObjectMeta m = put(p("w.bin"), bytes(500));
    assertThat(m.path()).isEqualTo(p("w.bin"));
    assertThat(m.size()).isEqualTo(500);
    assertThat(m.directory()).isFalse();
    ObjectMeta s = stat(p("w.bin"));
    assertThat(s.size()).isEqualTo(500);
    assertThat(s.etag()).isEqualTo(m.etag());
  }

  @Test
  @DisplayName("a publisher of many small chunks is written in order")
  void manyChunks() {
    byte[] content = bytes(1000 * 1024 + 13);
    put(p("w.bin"), new byte[0]);
    op().write(p("w.bin"), chunks(content, 1024)).block(TIMEOUT);
    assertThat(get(p("w.bin"))).isEqualTo(content);
  }

  @Test
  @DisplayName("chunks of uneven sizes, including empty ones, are written in order")
  void unevenChunks() {
    require(Capability.WRITE);
    byte[] a = bytes(1, 1);
    byte[] b = bytes(70_000, 2);
    byte[] c = bytes(3, 3);
    Flux<ByteBuffer> body = Flux.just(ByteBuffer.wrap(a), ByteBuffer.allocate(0), ByteBuffer.wrap(b),
        ByteBuffer.allocate(0), ByteBuffer.wrap(c));
    ObjectMeta m = op().write(p("u.bin"), body).block(TIMEOUT);
    assertThat(m.size()).isEqualTo(70_004);
    ByteBuffer all = ByteBuffer.allocate(70_004).put(a).put(b).put(c);
    assertThat(get(p("u.bin"))).isEqualTo(all.array());
  }

  @Test
  @DisplayName("an empty byte array makes a zero-length object")
  void emptyWrite() {
    ObjectMeta m = put(p("empty"), new byte[0]);
    assertThat(m.size()).isZero();
    assertThat(stat(p("empty")).size()).isZero();
    assertThat(get(p("empty"))).isEmpty();
  }

  @Test
  @DisplayName("an empty publisher makes a zero-length object")
  void emptyPublisher() {
    require(Capability.WRITE);
    ObjectMeta m = op().write(p("empty"), Flux.empty()).block(TIMEOUT);
    assertThat(m.size()).isZero();
    assertThat(exists(p("empty"))).isTrue();
    assertThat(get(p("empty"))).isEmpty();
  }

  @Test
  @DisplayName("an overwrite replaces the content and changes the ETag")
  void overwrite() {
    ObjectMeta first = put(p("o.bin"), bytes(100, 1));
    byte[] second = bytes(200, 2);
    ObjectMeta m = put(p("o.bin"), second);
    assertThat(get(p("o.bin"))).isEqualTo(second);
    assertThat(m.size()).isEqualTo(200);
    if (first.etag() != null) {
      assertThat(m.etag()).isNotEqualTo(first.etag());
    }
  }

  @Test
  @DisplayName("an overwrite with shorter content leaves no old bytes behind")
  void overwriteShorter() {
    put(p("o.bin"), bytes(10_000, 1));
    byte[] shorter = bytes(10, 2);
    put(p("o.bin"), shorter);
    assertThat(get(p("o.bin"))).isEqualTo(shorter);
    assertThat(stat(p("o.bin")).size()).isEqualTo(10);
  }

  @Test
  @DisplayName("a write creates the missing parent directories")
  void createsParents() {
    put(p("a/b/c/x.bin"), bytes(5));
    assertThat(stat(p("a/b/")).directory()).isTrue();
    assertThat(stat(p("a/")).directory()).isTrue();
    assertThat(listPaths(p("a/b/"), dev.rdal.ListOptions.defaults())).containsExactly(p("a/b/c/"));
  }

  @Test
  @DisplayName("if-not-exists creates a missing object")
  void ifNotExistsCreates() {
    require(Capability.WRITE_IF_NOT_EXISTS);
    byte[] content = bytes(10);
    put(p("n.bin"), content, WriteOptions.defaults().withIfNotExists(true));
    assertThat(get(p("n.bin"))).isEqualTo(content);
  }

  @Test
  @DisplayName("if-not-exists on an existing object is ALREADY_EXISTS and keeps the old content")
  void ifNotExistsRefuses() {
    require(Capability.WRITE_IF_NOT_EXISTS);
    byte[] old = bytes(10, 1);
    put(p("n.bin"), old);
    assertFails(op().write(p("n.bin"), bytes(20, 2), WriteOptions.defaults().withIfNotExists(true)),
        ErrorKind.ALREADY_EXISTS);
    assertThat(get(p("n.bin"))).isEqualTo(old);
  }

  @Test
  @DisplayName("exactly one of 8 concurrent if-not-exists writers wins")
  void ifNotExistsConcurrent() {
    require(Capability.WRITE_IF_NOT_EXISTS);
    int n = 8;
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      contents.add(bytes(50_000, i));
    }
    WriteOptions once = WriteOptions.defaults().withIfNotExists(true);
    List<Object> outcomes = Flux.range(0, n)
        .flatMap(i -> op().write(p("race.bin"), chunks(contents.get(i), 8192), once)
            .subscribeOn(Schedulers.boundedElastic())
            .<Object>map(m -> i)
            .onErrorResume(RdalException.class, e -> Mono.just(e.kind())), n)
        .collectList()
        .block(TIMEOUT);
    List<Object> winners = outcomes.stream().filter(o -> o instanceof Integer).toList();
    assertThat(winners).hasSize(1);
    assertThat(outcomes.stream().filter(o -> o instanceof ErrorKind).toList())
        .hasSize(n - 1).containsOnly(ErrorKind.ALREADY_EXISTS);
    assertThat(get(p("race.bin"))).isEqualTo(contents.get((Integer) winners.get(0)));
  }

  @Test
  @DisplayName("append adds to the end of an existing object")
  void append() {
    require(Capability.APPEND);
    byte[] a = bytes(100, 1);
    byte[] b = bytes(50, 2);
    put(p("log"), a);
    ObjectMeta m = put(p("log"), b, WriteOptions.defaults().withAppend(true));
    assertThat(m.size()).isEqualTo(150);
    assertThat(get(p("log"))).isEqualTo(ByteBuffer.allocate(150).put(a).put(b).array());
  }

  @Test
  @DisplayName("append to a missing object creates it")
  void appendCreates() {
    require(Capability.APPEND);
    byte[] a = bytes(100, 1);
    put(p("log"), a, WriteOptions.defaults().withAppend(true));
    assertThat(get(p("log"))).isEqualTo(a);
  }

  @Test
  @DisplayName("many appends accumulate in order")
  void appendMany() {
    require(Capability.APPEND);
    ByteBuffer expected = ByteBuffer.allocate(10 * 37);
    for (int i = 0; i < 10; i++) {
      byte[] part = bytes(37, i);
      expected.put(part);
      put(p("log"), part, WriteOptions.defaults().withAppend(true));
    }
    assertThat(get(p("log"))).isEqualTo(expected.array());
  }

  @Test
  @DisplayName("writing to a directory path (trailing /) is IS_A_DIRECTORY")
  void writeToDirectoryPath() {
    require(Capability.WRITE);
    assertFails(op().write(p("d/"), bytes(3)), ErrorKind.IS_A_DIRECTORY);
    assertThat(exists(p("d/"))).isFalse();
  }

  @Test
  @DisplayName("writing over an existing directory is IS_A_DIRECTORY and leaves it intact")
  void writeOverDirectory() {
    put(p("d/x"), bytes(3));
    assertFails(op().write(p("d"), bytes(3)), ErrorKind.IS_A_DIRECTORY);
    assertThat(stat(p("d/")).directory()).isTrue();
    assertThat(get(p("d/x"))).hasSize(3);
  }

  @Test
  @DisplayName("writing below a file is NOT_A_DIRECTORY")
  void writeBelowFile() {
    put(p("f"), bytes(3));
    assertFails(op().write(p("f/child"), bytes(3)), ErrorKind.NOT_A_DIRECTORY);
    assertThat(get(p("f"))).hasSize(3);
  }

  @Test
  @DisplayName("a publisher that fails midway leaves no object")
  void failingPublisherLeavesNothing() {
    require(Capability.WRITE);
    Flux<ByteBuffer> body = chunks(bytes(300_000), 65_536).take(3)
        .concatWith(Flux.error(new IllegalStateException("producer broke")));
    RdalException e = assertFails(op().write(p("f.bin"), body), ErrorKind.UNEXPECTED);
    assertThat(e.getCause()).as("the producer's error is the cause").hasMessage("producer broke");
    assertThat(e.path()).isEqualTo(p("f.bin"));
    assertThat(exists(p("f.bin"))).isFalse();
  }

  @Test
  @DisplayName("a publisher that fails with an RdalException keeps its kind, and leaves no object")
  void failingPublisherKeepsKind() {
    require(Capability.WRITE);
    Flux<ByteBuffer> body = chunks(bytes(100_000), 10_000).take(2)
        .concatWith(Flux.error(RdalException.of(ErrorKind.RATE_LIMITED, "slow down")));
    assertFails(op().write(p("f.bin"), body), ErrorKind.RATE_LIMITED);
    assertThat(exists(p("f.bin"))).isFalse();
  }

  @Test
  @DisplayName("a publisher that fails midway an overwrite leaves the old content")
  void failingPublisherKeepsOldContent() {
    byte[] old = bytes(1000, 1);
    put(p("f.bin"), old);
    Flux<ByteBuffer> body = chunks(bytes(300_000, 2), 65_536).take(3)
        .concatWith(Flux.error(new IllegalStateException("producer broke")));
    error(op().write(p("f.bin"), body));
    assertThat(get(p("f.bin"))).isEqualTo(old);
  }

  @Test
  @DisplayName("a write cancelled midway leaves no object")
  void cancelLeavesNothing() throws InterruptedException {
    require(Capability.WRITE);
    cancelMidway(p("c.bin"));
    assertThat(exists(p("c.bin"))).isFalse();
  }

  @Test
  @DisplayName("a write cancelled midway an overwrite leaves the old content")
  void cancelKeepsOldContent() throws InterruptedException {
    byte[] old = bytes(1000, 1);
    put(p("c.bin"), old);
    cancelMidway(p("c.bin"));
    assertThat(get(p("c.bin"))).isEqualTo(old);
  }

  @Test
  @DisplayName("an append whose publisher fails midway leaves the old content")
  void failingAppendKeepsOldContent() {
    require(Capability.APPEND);
    byte[] old = bytes(1000, 1);
    put(p("log"), old);
    Flux<ByteBuffer> body = chunks(bytes(100_000, 2), 10_000).take(2)
        .concatWith(Flux.error(new IllegalStateException("producer broke")));
    assertFails(op().write(p("log"), body, WriteOptions.defaults().withAppend(true)), ErrorKind.UNEXPECTED);
    assertThat(get(p("log"))).isEqualTo(old);
  }

  @Test
  @DisplayName("an append cancelled midway leaves the old content")
  void cancelledAppendKeepsOldContent() throws InterruptedException {
    require(Capability.APPEND);
    byte[] old = bytes(1000, 1);
    put(p("log"), old);
    cancelMidway(p("log"), WriteOptions.defaults().withAppend(true));
    assertThat(get(p("log"))).isEqualTo(old);
  }

  @Test
  @DisplayName("an if-not-exists write that fails midway leaves nothing, and a later one succeeds")
  void failingIfNotExistsLeavesNothing() {
    require(Capability.WRITE_IF_NOT_EXISTS);
    WriteOptions once = WriteOptions.defaults().withIfNotExists(true);
    Flux<ByteBuffer> body = chunks(bytes(100_000, 2), 10_000).take(2)
        .concatWith(Flux.error(new IllegalStateException("producer broke")));
    assertFails(op().write(p("n"), body, once), ErrorKind.UNEXPECTED);
    assertThat(exists(p("n"))).isFalse();
    byte[] content = bytes(10, 3);
    put(p("n"), content, once);
    assertThat(get(p("n"))).isEqualTo(content);
  }

  private void cancelMidway(String path) throws InterruptedException {
    cancelMidway(path, WriteOptions.defaults());
  }

  /** Starts a write whose body emits three chunks and then waits forever, and cancels it. */
  private void cancelMidway(String path, WriteOptions options) throws InterruptedException {
    CountDownLatch emitted = new CountDownLatch(3);
    CountDownLatch cancelled = new CountDownLatch(1);
    Flux<ByteBuffer> body = chunks(bytes(300_000, 3), 65_536).take(3)
        .doOnNext(b -> emitted.countDown())
        .concatWith(Flux.never())
        .doOnCancel(cancelled::countDown);
    Disposable write = op().write(path, body, options).subscribe(m -> { }, e -> { });
    assertThat(emitted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("body was pulled").isTrue();
    write.dispose();
    assertThat(cancelled.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("cancel reached the body").isTrue();
  }

  @Test
  @DisplayName("a 5 MiB object round-trips with the same SHA-256")
  void largeObjectRoundTrip() {
    require(Capability.WRITE);
    byte[] content = bytes(5 * 1024 * 1024, 5);
    ObjectMeta m = op().write(p("large.bin"), chunks(content, 256 * 1024)).block(TIMEOUT);
    assertThat(m.size()).isEqualTo(content.length);
    MessageDigest md = sha256();
    Long n = op().read(p("large.bin")).reduce(0L, (acc, b) -> {
      int r = b.remaining();
      md.update(b);
      return acc + r;
    }).block(TIMEOUT);
    assertThat(n).isEqualTo(content.length);
    assertThat(hex(md.digest())).isEqualTo(sha256(content));
  }

  @Test
  @DisplayName("concurrent writers to one path: a complete write wins and readers never see a mix")
  void concurrentWritersNeverMix() {
    require(Capability.WRITE);
    int writers = 6;
    int size = 256 * 1024;
    put(p("mix.bin"), filled(size, (byte) 100));
    AtomicInteger badReads = new AtomicInteger();
    Flux<Object> writes = Flux.range(0, writers)
        .flatMap(i -> Flux.range(0, 3)
            .concatMap(round -> op().write(p("mix.bin"), chunks(filled(size, (byte) (int) i), 16 * 1024)))
            .subscribeOn(Schedulers.boundedElastic()), writers)
        .cast(Object.class);
    Flux<Object> reads = Flux.range(0, 40)
        .concatMap(r -> collect(op().read(p("mix.bin"))))
        .doOnNext(b -> {
          if (b.length != size || !uniform(b)) badReads.incrementAndGet();
        })
        .subscribeOn(Schedulers.boundedElastic())
        .cast(Object.class);
    Flux.merge(writes, reads).then().block(TIMEOUT);
    assertThat(badReads).as("reads that saw a mix of two writes").hasValue(0);
    byte[] last = get(p("mix.bin"));
    assertThat(last).hasSize(size);
    assertThat(uniform(last)).isTrue();
    assertThat((int) last[0]).isBetween(0, writers - 1);
  }

  @Test
  @DisplayName("the content type is stored")
  void contentType() {
    require(Capability.CONTENT_TYPE);
    ObjectMeta m = put(p("t.json"), bytes(5), WriteOptions.defaults().withContentType("application/json"));
    assertThat(m.contentType()).isEqualTo("application/json");
    assertThat(stat(p("t.json")).contentType()).isEqualTo("application/json");
  }

  @Test
  @DisplayName("user metadata is stored")
  void userMetadata() {
    require(Capability.USER_METADATA);
    Map<String, String> meta = Map.of("owner", "kit", "purpose", "test");
    put(p("u.bin"), bytes(5), WriteOptions.defaults().withUserMetadata(meta));
    assertThat(stat(p("u.bin")).userMetadata()).isEqualTo(meta);
  }

  @Test
  @DisplayName("an overwrite without options drops the old content type")
  void overwriteDropsContentType() {
    require(Capability.CONTENT_TYPE);
    put(p("t"), bytes(5), WriteOptions.defaults().withContentType("text/plain"));
    put(p("t"), bytes(6));
    assertThat(stat(p("t")).contentType()).isNotEqualTo("text/plain");
  }

  static byte[] filled(int n, byte value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, value);
    return b;
  }

  static boolean uniform(byte[] b) {
    for (byte x : b) {
      if (x != b[0]) return false;
    }
    return true;
  }
}
