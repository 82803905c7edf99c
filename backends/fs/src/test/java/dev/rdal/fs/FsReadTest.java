package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RangePolicy;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.scheduler.ExecutionPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Reads through the operator: both buffer modes, ranges, threads, truncation and cancellation. */
class FsReadTest {

  private static final int CHUNK = 64 * 1024;
  /** A read-ahead for the cases that turn it on (it is off by default). */
  private static final int READ_AHEAD = 2;

  @TempDir
  Path root;

  private Operator op;
  private Scheduler custom;

  @BeforeEach
  void open() {
    op = FsTestSupport.operator(FsOptions.of(root).withChunkSize(CHUNK), ExecutionPolicy.dedicated(2));
  }

  @AfterEach
  void close() {
    op.close();
    if (custom != null) custom.dispose();
  }

  private byte[] file(String name, int size) throws Exception {
    byte[] content = FsTestSupport.randomBytes(size, size);
    Files.write(root.resolve(name), content);
    return content;
  }

  /** Reads with lent buffers, copying inside onNext as the contract asks. */
  private static byte[] readLent(Operator op, String path, ReadOptions options, List<ByteBuffer> seen) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    op.read(path, options.withLentBuffers(true))
        .doOnNext(b -> {
          seen.add(b);
          out.writeBytes(FsTestSupport.bytesOf(b));
        })
        .blockLast(TIMEOUT);
    return out.toByteArray();
  }

  @Test
  void ownedReadEmitsFreshHeapBuffersTheSubscriberKeeps() throws Exception {
    byte[] content = file("a.bin", 5 * CHUNK + 123);
    List<ByteBuffer> chunks = op.read("a.bin").collectList().block(TIMEOUT);
    assertThat(chunks).hasSize(6);
    assertThat(chunks).allMatch(b -> b.hasArray() && !b.isDirect());
    assertThat(chunks.stream().map(System::identityHashCode).distinct()).hasSize(6);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.forEach(b -> out.writeBytes(FsTestSupport.bytesOf(b)));
    assertThat(out.toByteArray()).isEqualTo(content);
  }

  @Test
  void withReadAheadALentReadCyclesAtMostOnePlusReadAheadDirectBuffersAndDeliversTheSameBytes() throws Exception {
    byte[] content = file("a.bin", 5 * CHUNK + 123);
    try (Operator o = FsTestSupport.operator(FsOptions.of(root).withChunkSize(CHUNK).withReadAhead(READ_AHEAD),
        ExecutionPolicy.dedicated(2))) {
      List<ByteBuffer> seen = new ArrayList<>();
      assertThat(readLent(o, "a.bin", ReadOptions.defaults(), seen)).isEqualTo(content);
      assertThat(seen).hasSize(6).allMatch(ByteBuffer::isDirect);
      assertThat(seen.stream().map(System::identityHashCode).distinct().count()).isBetween(1L, 1L + READ_AHEAD);
    }
  }

  @Test
  void byDefaultALentReadReusesOneDirectBuffer() throws Exception {
    byte[] content = file("a.bin", 5 * CHUNK + 123);
    assertThat(FsDefaults.READ_AHEAD_CHUNKS).isZero();
    List<ByteBuffer> seen = new ArrayList<>();
    assertThat(readLent(op, "a.bin", ReadOptions.defaults(), seen)).isEqualTo(content);
    assertThat(seen).hasSize(6).allMatch(ByteBuffer::isDirect);
    assertThat(seen.stream().map(System::identityHashCode).distinct()).hasSize(1);
  }

  @Test
  void inParanoidModeLentBuffersKeptPastOnNextHoldOnlyPoison() throws Exception {
    assertThat(dev.rdal.spi.LentBuffers.paranoid()).as("rdal's test runs set -Drdal.buffers.paranoid=true").isTrue();
    file("a.bin", 3 * CHUNK + 5);
    List<ByteBuffer> kept = op.read("a.bin", ReadOptions.defaults().withLentBuffers(true)).collectList().block(TIMEOUT);
    assertThat(kept).hasSize(4).allMatch(dev.rdal.spi.LentBuffers::isPoisoned);
  }

  @Test
  void lentBuffersAreRecycledAcrossReads() throws Exception {
    file("a.bin", 3 * CHUNK);
    List<ByteBuffer> first = new ArrayList<>();
    List<ByteBuffer> second = new ArrayList<>();
    readLent(op, "a.bin", ReadOptions.defaults(), first);
    readLent(op, "a.bin", ReadOptions.defaults(), second);
    assertThat(second.get(0)).isSameAs(first.get(0));
  }

  static Stream<Arguments> ranges() {
    int size = 3 * CHUNK + 10;
    return Stream.of(
        Arguments.of(ByteRange.of(0, 10), 0, 10),
        Arguments.of(ByteRange.of(CHUNK - 5, CHUNK + 10), CHUNK - 5, CHUNK + 10),
        Arguments.of(ByteRange.from(2 * CHUNK), 2 * CHUNK, size - 2 * CHUNK),
        Arguments.of(ByteRange.suffix(100), size - 100, 100),
        Arguments.of(ByteRange.of(size - 1, 1), size - 1, 1));
  }

  @ParameterizedTest
  @MethodSource("ranges")
  void rangesServeTheirBytesAndReportTheContentRange(ByteRange range, int first, int length) throws Exception {
    byte[] content = file("r.bin", 3 * CHUNK + 10);
    for (boolean lent : new boolean[] {false, true}) {
      ReadResult r = op.readWithMeta("r.bin", ReadOptions.range(range).withLentBuffers(lent)).block(TIMEOUT);
      assertThat(r.contentRange()).isEqualTo(ContentRange.of(first, first + length - 1, content.length));
      byte[] got = lent ? readLent(op, "r.bin", ReadOptions.range(range), new ArrayList<>()) : r.bodyBytes().block(TIMEOUT);
      if (lent) r.discard();
      assertThat(got).isEqualTo(Arrays.copyOfRange(content, first, first + length));
    }
  }

  @Test
  void rangePastTheEndIsRefusedStrictAndEmptyWhenClamped() throws Exception {
    file("r.bin", 1000);
    StepVerifier.create(op.read("r.bin", ByteRange.of(2000, 10)))
        .expectErrorSatisfies(e -> {
          assertThat(RdalException.isKind(e, ErrorKind.RANGE_NOT_SATISFIABLE)).isTrue();
          assertThat(((RdalException) e).objectSize()).hasValue(1000);
        })
        .verify(TIMEOUT);
    ReadResult clamped = op.readWithMeta("r.bin", ReadOptions.range(ByteRange.of(2000, 10)).withPolicy(RangePolicy.CLAMP))
        .block(TIMEOUT);
    assertThat(clamped.contentRange()).isEqualTo(ContentRange.unsatisfied(1000));
    assertThat(clamped.bodyBytes().block(TIMEOUT)).isEmpty();
    ReadResult tail = op.readWithMeta("r.bin", ReadOptions.range(ByteRange.of(900, 500)).withPolicy(RangePolicy.CLAMP))
        .block(TIMEOUT);
    assertThat(tail.contentRange()).isEqualTo(ContentRange.of(900, 999, 1000));
    assertThat(tail.bodyBytes().block(TIMEOUT)).hasSize(100);
  }

  @Test
  void emptyFileReadsEmpty() throws Exception {
    file("empty", 0);
    ReadResult r = op.readWithMeta("empty", ReadOptions.defaults()).block(TIMEOUT);
    assertThat(r.contentRange()).isEqualTo(ContentRange.unsatisfied(0));
    assertThat(r.bodyBytes().block(TIMEOUT)).isEmpty();
  }

  @Test
  void missingFileAndDirectoryAreTypedErrors() throws Exception {
    Files.createDirectories(root.resolve("dir"));
    StepVerifier.create(op.read("nope")).expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.NOT_FOUND)).verify(TIMEOUT);
    StepVerifier.create(op.read("dir")).expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.IS_A_DIRECTORY)).verify(TIMEOUT);
    file("f", 10);
    StepVerifier.create(op.read("f/x")).expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.NOT_A_DIRECTORY)).verify(TIMEOUT);
  }

  @Test
  void etagPreconditionsAreChecked() throws Exception {
    file("e.bin", 100);
    String etag = op.stat("e.bin").block(TIMEOUT).etag();
    assertThat(op.read("e.bin", ReadOptions.defaults().withIfMatch(etag)).collectList().block(TIMEOUT)).isNotEmpty();
    StepVerifier.create(op.read("e.bin", ReadOptions.defaults().withIfMatch("\"other\"")))
        .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.CONDITION_NOT_MET)).verify(TIMEOUT);
    StepVerifier.create(op.read("e.bin", ReadOptions.defaults().withIfNoneMatch(etag)))
        .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.CONDITION_NOT_MET)).verify(TIMEOUT);
  }

  @Test
  void fileReplacedAfterTheAnswerIsReadWholeInItsOldVersion() throws Exception {
    byte[] old = file("x.bin", 3 * CHUNK);
    ReadResult r = op.readWithMeta("x.bin", ReadOptions.defaults()).block(TIMEOUT);
    Path other = root.resolve("other");
    Files.write(other, FsTestSupport.randomBytes(2 * CHUNK, 7));
    Files.move(other, root.resolve("x.bin"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    assertThat(r.meta().size()).isEqualTo(old.length);
    assertThat(r.bodyBytes().block(TIMEOUT)).isEqualTo(old);
    assertThat(op.stat("x.bin").block(TIMEOUT).etag()).isNotEqualTo(r.meta().etag());
  }

  @Test
  void metadataSizeAndBytesOfEveryReadAndStatBelongToOneVersionWhileTheFileIsReplaced() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(XattrMetadata.probe(root), "needs user extended attributes");
    Path target = root.resolve("v.bin");
    replaceWithVersion(target, root.resolve("v.tmp"), 1);
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger replaced = new java.util.concurrent.atomic.AtomicInteger();
    Thread writer = new Thread(() -> {
      try {
        for (int v = 2; !stop.get(); v = v % 100 + 1) {
          replaceWithVersion(target, root.resolve("v.tmp"), v);
          replaced.incrementAndGet();
          java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "test-replacer");
    writer.start();
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
      int consistent = 0;
      for (int i = 0; i < 2_000 && System.nanoTime() < deadline; i++) {
        try {
          ReadResult r = op.readWithMeta("v.bin", ReadOptions.defaults()).block(TIMEOUT);
          byte[] body = r.bodyBytes().block(TIMEOUT);
          int version = body[0];
          assertThat(r.meta().contentType()).as("read's content type").isEqualTo("application/x-version-" + version);
          assertThat(r.meta().size()).as("read's size").isEqualTo(body.length).isEqualTo(version);
          dev.rdal.ObjectMeta stat = op.stat("v.bin").block(TIMEOUT);
          assertThat(stat.contentType()).as("stat's content type").isEqualTo("application/x-version-" + stat.size());
          consistent++;
        } catch (RdalException e) {
          // replaced again and again under the read: the typed, temporary answer, never a mix
          assertThat(e.kind()).isEqualTo(ErrorKind.CONDITION_NOT_MET);
          assertThat(e.isTemporary()).isTrue();
        }
      }
      assertThat(consistent).isPositive();
    } finally {
      stop.set(true);
      writer.join();
    }
    assertThat(replaced.get()).isPositive();
  }

  /** Puts version {@code v} in place by rename: {@code v} bytes of value {@code v}, content type naming it. */
  private static void replaceWithVersion(Path target, Path temp, int v) throws Exception {
    byte[] content = new byte[v];
    Arrays.fill(content, (byte) v);
    Files.write(temp, content);
    Files.getFileAttributeView(temp, java.nio.file.attribute.UserDefinedFileAttributeView.class)
        .write("rdal.content-type", java.nio.charset.StandardCharsets.UTF_8.encode("application/x-version-" + v));
    Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static Stream<String> policies() {
    return Stream.of("global", "dedicated", "custom");
  }

  @ParameterizedTest
  @MethodSource("policies")
  void everyChunkIsReadOnThePolicysThreads(String policy) throws Exception {
    ExecutionPolicy p;
    String prefix;
    switch (policy) {
      case "global": p = ExecutionPolicy.global(); prefix = "rdal-global-"; break;
      case "dedicated": p = ExecutionPolicy.dedicated(2); prefix = "rdal-fs-"; break;
      default:
        custom = Schedulers.newBoundedElastic(2, 100, "app-io");
        p = ExecutionPolicy.custom(custom);
        prefix = "app-io-";
    }
    file("t.bin", 8 * CHUNK);
    try (Operator o = FsTestSupport.operator(FsOptions.of(root).withChunkSize(CHUNK), p)) {
      for (boolean lent : new boolean[] {false, true}) {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // one chunk per request, each requested from the test thread: every read must still hop
        o.read("t.bin", ReadOptions.defaults().withLentBuffers(lent))
            .doOnNext(b -> threads.add(Thread.currentThread().getName()))
            .limitRate(1)
            .blockLast(TIMEOUT);
        assertThat(threads).isNotEmpty().allMatch(t -> t.startsWith(prefix));
      }
    }
  }

  /** Requests one chunk at a time, and truncates the file after the first chunk arrived. */
  private static Throwable readWhileTruncating(Operator op, Path file, boolean lent, ByteArrayOutputStream got) {
    AtomicReference<Throwable> error = new AtomicReference<>();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    op.read(file.getFileName().toString(), ReadOptions.defaults().withLentBuffers(lent))
        .subscribe(new BaseSubscriber<ByteBuffer>() {
          int chunks;

          @Override
          protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
            request(1);
          }

          @Override
          protected void hookOnNext(ByteBuffer b) {
            got.writeBytes(FsTestSupport.bytesOf(b));
            if (++chunks == 1) {
              try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(CHUNK + 100);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
            request(1);
          }

          @Override
          protected void hookOnError(Throwable t) {
            error.set(t);
          }

          @Override
          protected void hookFinally(reactor.core.publisher.SignalType type) {
            done.countDown();
          }
        });
    try {
      assertThat(done.await(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return error.get();
  }

  @ParameterizedTest(name = "lent={0}, read-ahead={1}")
  @CsvSource({"false, 0", "true, 0", "false, 2", "true, 2"})
  void fileTruncatedWhileReadIsATypedErrorNeverWrongBytes(boolean lent, int readAhead) throws Exception {
    byte[] content = file("big.bin", 6 * CHUNK);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    Throwable error;
    try (Operator o = FsTestSupport.operator(FsOptions.of(root).withChunkSize(CHUNK).withReadAhead(readAhead),
        ExecutionPolicy.dedicated(2))) {
      error = readWhileTruncating(o, root.resolve("big.bin"), lent, got);
    }
    assertThat(error).isInstanceOf(RdalException.class);
    assertThat(((RdalException) error).kind()).isEqualTo(ErrorKind.CONDITION_NOT_MET);
    assertThat(error.getMessage()).contains("shrank");
    // chunks read ahead before the truncation hold the bytes the file had when they were read
    byte[] prefix = got.toByteArray();
    assertThat(prefix.length).isLessThanOrEqualTo((1 + readAhead) * CHUNK);
    assertThat(prefix).isEqualTo(Arrays.copyOf(content, prefix.length));
  }

  @Test
  void cancelledReadsCloseTheirFiles() throws Exception {
    file("c.bin", 8 * CHUNK);
    // warm up: classes and jars this path needs are opened once
    op.read("c.bin").blockLast(TIMEOUT);
    op.read("c.bin", ReadOptions.defaults().withLentBuffers(true)).blockLast(TIMEOUT);
    int before = FsTestSupport.openFileDescriptors(root);
    for (int i = 0; i < 50; i++) {
      boolean lent = i % 2 == 0;
      op.read("c.bin", ReadOptions.defaults().withLentBuffers(lent)).take(2).blockLast(TIMEOUT);
      ReadResult unsubscribed = op.readWithMeta("c.bin", ReadOptions.defaults()).block(TIMEOUT);
      unsubscribed.discard();
      Flux.from(op.read("c.bin")).subscribe(new BaseSubscriber<ByteBuffer>() {
        @Override
        protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
          s.request(1);
          s.cancel();
        }
      });
    }
    int after = FsTestSupport.awaitAtMost(() -> FsTestSupport.openFileDescriptors(root), before, TIMEOUT);
    assertThat(after).isEqualTo(before);
  }

  @Test
  void cancelOnANonBlockingThreadClosesTheFileWithoutBlockingThatThread() throws Exception {
    file("n.bin", 8 * CHUNK);
    op.read("n.bin").blockLast(TIMEOUT);
    int before = FsTestSupport.openFileDescriptors(root);
    for (int i = 0; i < 20; i++) {
      AtomicReference<org.reactivestreams.Subscription> sub = new AtomicReference<>();
      java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
      op.read("n.bin", ReadOptions.defaults().withLentBuffers(i % 2 == 0)).subscribe(new BaseSubscriber<ByteBuffer>() {
        @Override
        protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
          sub.set(s);
          s.request(1);
        }

        @Override
        protected void hookOnNext(ByteBuffer b) {
          first.countDown();
        }
      });
      assertThat(first.await(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      // BlockHound fails this cancel if closing the file blocks the parallel thread
      reactor.core.publisher.Mono.fromRunnable(() -> sub.get().cancel())
          .subscribeOn(Schedulers.parallel())
          .block(TIMEOUT);
    }
    assertThat(FsTestSupport.awaitAtMost(() -> FsTestSupport.openFileDescriptors(root), before, TIMEOUT)).isEqualTo(before);
  }

  @Test
  void externalPolicyRefusesToBlockANonBlockingThread() throws Exception {
    file("x.bin", 10);
    try (Operator external = FsTestSupport.operator(root, ExecutionPolicy.external())) {
      assertThat(external.readAllBytes("x.bin").block(TIMEOUT)).hasSize(10);
      StepVerifier.create(external.readAllBytes("x.bin").subscribeOn(Schedulers.parallel()))
          .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.CONFIG_INVALID))
          .verify(TIMEOUT);
    }
  }
}
