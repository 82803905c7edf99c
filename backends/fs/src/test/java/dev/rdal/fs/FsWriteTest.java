package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Writes: atomic replacement, nothing left by failures and cancels, if-not-exists races, append, metadata. */
class FsWriteTest {

  @TempDir
  Path root;

  private Operator op;

  @BeforeEach
  void open() {
    op = FsTestSupport.operator(root, ExecutionPolicy.dedicated(4));
  }

  @AfterEach
  void close() {
    op.close();
  }

  private static Flux<ByteBuffer> chunks(String... parts) {
    return Flux.fromArray(parts).map(s -> ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
  }

  private String content(String path) throws Exception {
    return Files.readString(root.resolve(path));
  }

  private List<String> leftovers(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(FsDefaults.TEMP_PREFIX))
          .collect(Collectors.toList());
    }
  }

  /** Temporary files left in the root once cleanups have run (waits up to the timeout for none). */
  private int leftoversOnceSettled() {
    return FsTestSupport.awaitAtMost(() -> {
      try {
        return leftovers(root).size();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, 0, TIMEOUT);
  }

  @Test
  void writeCreatesParentsAndReplacesAtomically() throws Exception {
    ObjectMeta m = op.write("a/b/c.txt", chunks("hello ", "world")).block(TIMEOUT);
    assertThat(m.path()).isEqualTo("a/b/c.txt");
    assertThat(m.size()).isEqualTo(11);
    assertThat(content("a/b/c.txt")).isEqualTo("hello world");
    assertThat(op.stat("a/b/c.txt").block(TIMEOUT).etag()).isEqualTo(m.etag());
    ObjectMeta m2 = op.write("a/b/c.txt", chunks("new")).block(TIMEOUT);
    assertThat(content("a/b/c.txt")).isEqualTo("new");
    assertThat(m2.etag()).isNotEqualTo(m.etag());
    assertThat(leftovers(root.resolve("a/b"))).isEmpty();
  }

  @Test
  void writeDoesNotConsumeTheCallersBuffers() {
    ByteBuffer b = ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8));
    op.write("x", Flux.just(b)).block(TIMEOUT);
    assertThat(b.remaining()).isEqualTo(3);
  }

  @Test
  void publisherErrorLeavesOldContentAndNoTemporaryFile() throws Exception {
    op.write("f.txt", chunks("old")).block(TIMEOUT);
    Flux<ByteBuffer> failing = chunks("new ", "partial").concatWith(Mono.error(new IllegalStateException("producer broke")));
    StepVerifier.create(op.write("f.txt", failing)).expectError().verify(TIMEOUT);
    assertThat(content("f.txt")).isEqualTo("old");
    assertThat(leftovers(root)).isEmpty();
    StepVerifier.create(op.write("g.txt", failing)).expectError().verify(TIMEOUT);
    assertThat(root.resolve("g.txt")).doesNotExist();
    assertThat(leftovers(root)).isEmpty();
  }

  @Test
  void cancelledWriteLeavesOldContentAndNoTemporaryFile() throws Exception {
    op.write("f.txt", chunks("old")).block(TIMEOUT);
    Sinks.Many<ByteBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
    CountDownLatch bodyRequested = new CountDownLatch(1);
    Disposable write = op.write("f.txt", body.asFlux().doOnRequest(n -> bodyRequested.countDown())).subscribe();
    body.tryEmitNext(ByteBuffer.wrap("partial".getBytes(StandardCharsets.UTF_8)));
    assertThat(bodyRequested.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(leftovers(root)).as("the write is in flight through its temporary file").hasSize(1);
    write.dispose();
    int left = leftoversOnceSettled();
    assertThat(left).isZero();
    assertThat(content("f.txt")).isEqualTo("old");
  }

  @Test
  void aWriteCancelledWhileItsChunkIsBeingWrittenReportsNoErrorToAnyone() throws Exception {
    // the cancel interrupts the writer thread inside FileChannel.write, which then fails with
    // ClosedByInterruptException: a consequence of the cancel, which must not surface as a dropped error
    List<Throwable> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
    reactor.core.publisher.Hooks.onErrorDropped(dropped::add);
    try {
      ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
      for (int round = 0; round < 20; round++) {
        CountDownLatch writing = new CountDownLatch(4);
        Flux<ByteBuffer> endless = Flux.<ByteBuffer>generate(sink -> sink.next(chunk.duplicate()))
            .doOnRequest(n -> writing.countDown());
        Disposable write = op.write("big-" + round, endless).subscribe(m -> { }, e -> { });
        assertThat(writing.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        write.dispose();
        int left = leftoversOnceSettled();
        assertThat(left).as("round %d left its temporary file", round).isZero();
        assertThat(Files.exists(root.resolve("big-" + round))).isFalse();
      }
      FsTestSupport.awaitAtMost(() -> dropped.isEmpty() ? 1 : 0, 0, java.time.Duration.ofMillis(300));
      assertThat(dropped).as("errors dropped after the cancels").isEmpty();
    } finally {
      reactor.core.publisher.Hooks.resetOnErrorDropped();
    }
  }

  @Test
  void ifNotExistsLetsExactlyOneOfManyConcurrentWritersWin() throws Exception {
    for (int round = 0; round < 5; round++) {
      String path = "race-" + round;
      List<Mono<String>> writers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String mine = "writer-" + i;
        writers.add(op.write(path, mine.getBytes(StandardCharsets.UTF_8), WriteOptions.defaults().withIfNotExists(true))
            .thenReturn("won:" + mine)
            .onErrorResume(e -> RdalException.isKind(e, ErrorKind.ALREADY_EXISTS), e -> Mono.just("lost")));
      }
      List<String> outcomes = Flux.merge(writers).collectList().block(TIMEOUT);
      List<String> won = outcomes.stream().filter(s -> s.startsWith("won:")).collect(Collectors.toList());
      assertThat(won).hasSize(1);
      assertThat("won:" + content(path)).isEqualTo(won.get(0));
    }
    assertThat(leftovers(root)).isEmpty();
  }

  @Test
  void appendAddsToTheEndAndCreatesMissingFiles() throws Exception {
    WriteOptions append = WriteOptions.defaults().withAppend(true);
    op.write("log", "one,".getBytes(StandardCharsets.UTF_8), append).block(TIMEOUT);
    ObjectMeta m = op.write("log", "two".getBytes(StandardCharsets.UTF_8), append).block(TIMEOUT);
    assertThat(content("log")).isEqualTo("one,two");
    assertThat(m.size()).isEqualTo(7);
    Flux<ByteBuffer> failing = chunks("three").concatWith(Mono.error(new IllegalStateException("broke")));
    StepVerifier.create(op.write("log", failing, append)).expectError().verify(TIMEOUT);
    assertThat(content("log")).isEqualTo("one,two");
    assertThat(leftovers(root)).isEmpty();
  }

  @Test
  void fsyncOptionWritesDurablyAndTheSame() throws Exception {
    try (Operator synced = Operator.of("fs://" + root + "?fsync=true")) {
      synced.write("d/s.txt", chunks("durable")).block(TIMEOUT);
      synced.rename("d/s.txt", "e/t.txt").block(TIMEOUT);
      synced.copy("e/t.txt", "e/u.txt").block(TIMEOUT);
    }
    assertThat(content("e/t.txt")).isEqualTo("durable");
    assertThat(content("e/u.txt")).isEqualTo("durable");
  }

  @Test
  void pathConflictsAreTyped() throws Exception {
    op.write("file", chunks("x")).block(TIMEOUT);
    StepVerifier.create(op.write("file/child", chunks("y")))
        .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.NOT_A_DIRECTORY)).verify(TIMEOUT);
    op.createDir("dir/").block(TIMEOUT);
    StepVerifier.create(op.write("dir", chunks("y")))
        .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.IS_A_DIRECTORY)).verify(TIMEOUT);
    StepVerifier.create(op.write("file", "z".getBytes(StandardCharsets.UTF_8), WriteOptions.defaults().withIfNotExists(true)))
        .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.ALREADY_EXISTS)).verify(TIMEOUT);
    assertThat(content("file")).isEqualTo("x");
  }

  @Test
  void contentTypeAndUserMetadataAreStoredInExtendedAttributesWhenSupported() throws Exception {
    assumeTrue(op.capabilities().has(Capability.USER_METADATA),
        () -> "the file system of " + root + " stores no user extended attributes");
    WriteOptions o = WriteOptions.defaults().withContentType("text/plain").withUserMetadata(Map.of("owner", "ana", "k2", "v2"));
    ObjectMeta written = op.write("m.txt", "meta".getBytes(StandardCharsets.UTF_8), o).block(TIMEOUT);
    assertThat(written.contentType()).isEqualTo("text/plain");
    ObjectMeta stat = op.stat("m.txt").block(TIMEOUT);
    assertThat(stat.contentType()).isEqualTo("text/plain");
    assertThat(stat.userMetadata()).isEqualTo(Map.of("owner", "ana", "k2", "v2"));
    ObjectMeta copied = op.copy("m.txt", "n.txt").block(TIMEOUT);
    assertThat(copied.userMetadata()).containsEntry("owner", "ana");
    assertThat(op.readWithMeta("n.txt", dev.rdal.ReadOptions.defaults()).block(TIMEOUT).meta().contentType())
        .isEqualTo("text/plain");
  }

  @Test
  void metadataValuesOfEveryLengthComeBackWhole() throws Exception {
    assumeTrue(op.capabilities().has(Capability.USER_METADATA),
        () -> "the file system of " + root + " stores no user extended attributes");
    Map<String, String> meta = new java.util.TreeMap<>();
    for (int len : new int[] {0, 1, XattrMetadata.FIRST_READ_BYTES - 1, XattrMetadata.FIRST_READ_BYTES,
        XattrMetadata.FIRST_READ_BYTES + 1}) { // ext4 keeps all of a file's attributes in one 4 KiB block
      meta.put("len" + len, "é".repeat(len / 2) + "x".repeat(len % 2)); // two bytes a char in UTF-8
    }
    String type = "text/plain; charset=utf-8";
    WriteOptions o = WriteOptions.defaults().withContentType(type).withUserMetadata(meta);
    op.write("long-meta", "m".getBytes(StandardCharsets.UTF_8), o).block(TIMEOUT);

    ObjectMeta stat = op.stat("long-meta").block(TIMEOUT);
    assertThat(stat.contentType()).isEqualTo(type);
    assertThat(stat.userMetadata()).isEqualTo(meta);
    ObjectMeta read = op.readWithMeta("long-meta", dev.rdal.ReadOptions.defaults()).block(TIMEOUT).meta();
    assertThat(read.contentType()).isEqualTo(type);
    assertThat(read.userMetadata()).isEqualTo(meta);
  }

  @Test
  void withoutExtendedAttributesTheCapabilitiesAreNotDeclared() {
    try (Operator plain = Operator.builder(new FsBackend(FsOptions.of(root).withXattrs(false))).build()) {
      assertThat(plain.capabilities().has(Capability.CONTENT_TYPE)).isFalse();
      assertThat(plain.capabilities().has(Capability.USER_METADATA)).isFalse();
      StepVerifier.create(plain.write("x", "y".getBytes(StandardCharsets.UTF_8), WriteOptions.defaults().withContentType("a/b")))
          .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.UNSUPPORTED)).verify(TIMEOUT);
    }
  }
}
