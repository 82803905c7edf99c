package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Multipart writes against S3Proxy: content, the memory bound, and that every kind of failure (publisher
 * error, failed part, cancel) leaves neither an object nor an open multipart upload.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3MultipartTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PART = 5 << 20; // S3's (and S3Proxy's) smallest part
  private static final int CONCURRENCY = 2;
  private static final int CHUNK = 64 * 1024;

  private S3TestServer server;
  private String bucket;
  private S3Backend backend;
  private Operator op;

  @BeforeEach
  void setUp() {
    server = S3TestServer.get();
    bucket = server.newBucket();
    backend = (S3Backend) new S3BackendProvider().create(new BackendConfig("s3", config(server.config(bucket))));
    op = Operator.builder(backend).build();
  }

  private static Map<String, String> config(Map<String, String> c) {
    c.put("part_size", String.valueOf(PART));
    c.put("upload_concurrency", String.valueOf(CONCURRENCY));
    return c;
  }

  @AfterEach
  void tearDown() {
    op.close();
  }

  /** {@code total} bytes in chunks of {@link #CHUNK}, generated on demand; counts what was pulled. */
  private static Flux<ByteBuffer> generated(long total, byte[] pattern, AtomicLong pulled) {
    return Flux.generate(() -> 0L, (pos, sink) -> {
      int n = (int) Math.min(CHUNK, total - pos);
      ByteBuffer b = ByteBuffer.allocate(n);
      for (int i = 0; i < n; i++) b.put(pattern[(int) ((pos + i) % pattern.length)]);
      sink.next(b.flip());
      pulled.addAndGet(n);
      if (pos + n >= total) sink.complete();
      return pos + n;
    });
  }

  private static byte[] expected(long total, byte[] pattern) {
    byte[] out = new byte[(int) total];
    for (int i = 0; i < out.length; i++) out[i] = pattern[i % pattern.length];
    return out;
  }

  private static byte[] pattern() {
    byte[] p = new byte[4099];
    new Random(3).nextBytes(p);
    return p;
  }

  @Test
  void largeWritesUseMultipartAndReadBackIdentically() {
    long total = 2L * PART + 12345;
    ObjectMeta meta = op.write("big", generated(total, pattern(), new AtomicLong())).block(WAIT);
    assertThat(meta.size()).isEqualTo(total);
    assertThat(meta.etag()).endsWith("-3\"");
    assertThat(op.readAllBytes("big").block(WAIT)).isEqualTo(expected(total, pattern()));
    assertThat(op.stat("big").block(WAIT).size()).isEqualTo(total);
    assertNoOpenUploads();
  }

  @Test
  void smallWritesUseOnePut() {
    ObjectMeta meta = op.write("small", generated(PART - 1, pattern(), new AtomicLong())).block(WAIT);
    assertThat(meta.etag()).doesNotContain("-");
    assertThat(op.readAllBytes("small").block(WAIT)).isEqualTo(expected(PART - 1, pattern()));
    assertThat(op.write("empty", Flux.empty()).block(WAIT).size()).isZero();
    assertThat(op.readAllBytes("empty").block(WAIT)).isEmpty();
  }

  @Test
  void exactlyOnePartIsAOnePartUpload() {
    ObjectMeta meta = op.write("one", generated(PART, pattern(), new AtomicLong())).block(WAIT);
    assertThat(meta.size()).isEqualTo(PART);
    assertThat(op.readAllBytes("one").block(WAIT)).isEqualTo(expected(PART, pattern()));
  }

  @Test
  void memoryStaysWithinConcurrencyPlusOneParts() {
    // The producer is far faster than uploads through S3Proxy, so buffering fills up to what the writer allows.
    long total = 6L * PART;
    AtomicLong pulled = new AtomicLong();
    backend.writeBuffers().resetPeak();
    op.write("bounded", generated(total, pattern(), pulled)).block(WAIT);
    long peak = backend.writeBuffers().peak();
    long bound = (CONCURRENCY + 1L) * PART + CHUNK;
    assertThat(pulled.get()).isEqualTo(total);
    assertThat(peak).isLessThanOrEqualTo(bound).isGreaterThanOrEqualTo(PART);
    assertThat(backend.writeBuffers().held()).isZero();
  }

  @Test
  void aPublisherErrorAbortsTheUpload() {
    Flux<ByteBuffer> failing = generated(2L * PART + 100, pattern(), new AtomicLong())
        .concatWith(Mono.error(new IllegalStateException("producer broke")));
    assertThatThrownBy(() -> op.write("broken", failing).block(WAIT))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e).hasRootCauseMessage("producer broke"));
    assertNoObjectAndNoUploads("broken");
  }

  @Test
  void aFailedPartAbortsTheUpload() throws Exception {
    try (FaultProxy proxy = new FaultProxy(server.port())) {
      // Requests pass, but any connection that sends more than 64 KiB is cut: every part fails, every retry too.
      proxy.cutUploadsAfter(64 * 1024);
      Map<String, String> c = config(S3TestServer.config(bucket, proxy.endpoint()));
      try (Operator viaProxy = Operator.builder("s3").config(c).build()) {
        assertThatThrownBy(() -> viaProxy.write("partfail", generated(2L * PART, pattern(), new AtomicLong())).block(WAIT))
            .isInstanceOfSatisfying(RdalException.class, e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED);
              assertThat(e.isTemporary()).isTrue();
            });
      }
      assertThat(proxy.cuts()).isPositive();
    }
    assertNoObjectAndNoUploads("partfail");
  }

  @Test
  void aCancelAbortsTheUpload() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Flux<ByteBuffer> endless = Flux.<ByteBuffer, Long>generate(() -> 0L, (pos, sink) -> {
      sink.next(ByteBuffer.allocate(CHUNK));
      if (pos > 2L * PART) started.countDown();
      return pos + CHUNK;
    });
    java.util.concurrent.CountDownLatch aborted = new java.util.concurrent.CountDownLatch(1);
    backend.uploadAborts().watchDone(id -> aborted.countDown());
    Disposable write = op.write("cancelled", endless).subscribe(m -> { }, e -> { });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(openUploads()).isPositive();
    write.dispose();
    // The abort runs after the cancel returns (and waits for parts on the wire): wait until it ended.
    assertThat(aborted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertNoObjectAndNoUploads("cancelled");
  }

  private void assertNoObjectAndNoUploads(String path) {
    assertThat(op.exists(path).block(WAIT)).isFalse();
    assertNoOpenUploads();
    assertThat(op.list("/", ListOptions.recursively()).map(ObjectMeta::path).collectList().block(WAIT))
        .noneMatch(p -> p.startsWith(path));
  }

  private void assertNoOpenUploads() {
    assertThat(openUploads()).isZero();
  }

  private int openUploads() {
    return backend.client().listMultipartUploads(b -> b.bucket(bucket)).join().uploads().size();
  }


}
