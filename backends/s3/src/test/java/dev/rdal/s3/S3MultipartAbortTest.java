package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A multipart write that fails or is cancelled at any stage leaves no object, no open upload and no stored
 * part, even when a part request already on the wire is stored late. A {@link MultipartProxy} between the
 * SDK and S3Proxy holds the chosen request; what remains is checked in S3Proxy's own blob store (every key,
 * artefacts included, and its open uploads), not only through rdal.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3MultipartAbortTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PART = 5 << 20;
  private static final int CHUNK = 64 * 1024;

  private S3TestServer server;
  private String bucket;
  private MultipartProxy proxy;
  private S3Backend backend;
  private Operator op;
  private final CountDownLatch aborted = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    server = S3TestServer.get();
    bucket = server.newBucket();
    proxy = new MultipartProxy(server.port());
    Map<String, String> c = S3TestServer.config(bucket, proxy.endpoint());
    c.put("part_size", String.valueOf(PART));
    c.put("upload_concurrency", "2");
    c.put("path_checks", "false");
    backend = (S3Backend) new S3BackendProvider().create(new BackendConfig("s3", c));
    op = Operator.builder(backend).build();
    // a held part goes on as soon as the abort starts waiting for it
    backend.uploadAborts().watchSettling(id -> proxy.release());
    backend.uploadAborts().watchDone(id -> aborted.countDown());
  }

  @AfterEach
  void tearDown() throws Exception {
    op.close();
    proxy.close();
  }

  /** {@code bytes} zero bytes in chunks, then whatever {@code tail} signals. */
  private static Flux<ByteBuffer> body(long bytes, Mono<ByteBuffer> tail) {
    return Flux.range(0, (int) (bytes / CHUNK)).map(i -> ByteBuffer.allocate(CHUNK)).concatWith(tail);
  }

  @Test
  void aPublisherErrorWhileTheFirstPartIsOnTheWireLeavesNothing() throws Exception {
    proxy.holdPart(1);
    Sinks.One<ByteBuffer> failure = Sinks.one();
    Mono<ObjectMeta> write = op.write("w/new", body(PART + CHUNK, failure.asMono()));
    Sinks.One<Throwable> outcome = Sinks.one();
    write.subscribe(m -> outcome.tryEmitValue(new AssertionError("the write succeeded")), outcome::tryEmitValue);
    proxy.awaitHeld();
    failure.tryEmitError(new IllegalStateException("producer broke"));
    assertThat(outcome.asMono().block(WAIT)).isInstanceOf(RdalException.class).hasRootCauseMessage("producer broke");
    assertNothingLeft();
  }

  @Test
  void aCancelBeforeTheFirstPartLeavesNothing() throws Exception {
    proxy.holdCreateAnswer();
    Disposable write = op.write("w/new", body(PART + CHUNK, Mono.never())).subscribe(m -> { }, e -> { });
    proxy.awaitHeld();
    write.dispose();
    proxy.release();
    assertNothingLeft();
  }

  @Test
  void aCancelDuringAPartLeavesNothing() throws Exception {
    proxy.holdPart(1);
    Disposable write = op.write("w/new", body(PART + CHUNK, Mono.never())).subscribe(m -> { }, e -> { });
    proxy.awaitHeld();
    write.dispose();
    assertNothingLeft();
  }

  @Test
  void aCancelBetweenPartsLeavesNothing() throws Exception {
    Disposable write = op.write("w/new", body(PART + CHUNK, Mono.never())).subscribe(m -> { }, e -> { });
    proxy.awaitFirstPartAnswered();
    write.dispose();
    assertNothingLeft();
  }

  @Test
  void aCancelDuringTheCompletionLeavesNothing() throws Exception {
    proxy.swallowCompletion();
    Disposable write = op.write("w/new", body(2L * PART, Mono.empty())).subscribe(m -> { }, e -> { });
    proxy.awaitHeld();
    write.dispose();
    assertNothingLeft();
  }

  @Test
  void aListingNeverShowsAnotherWritersUploadInProgress() {
    try (Operator direct = Operator.builder("s3").config(S3TestServer.config(bucket, server.endpoint())).build()) {
      direct.write(".mpus-not-an-upload", new byte[1]).block(WAIT);
      var client = backend.client();
      String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key("other/in-progress")).join().uploadId();
      client.uploadPart(b -> b.bucket(bucket).key("other/in-progress").uploadId(uploadId).partNumber(1),
          software.amazon.awssdk.core.async.AsyncRequestBody.fromBytes(new byte[10])).join();
      assertThat(rawKeys()).anyMatch(k -> k.startsWith(".mpus-" + uploadId));
      assertThat(direct.list("/", ListOptions.recursively()).map(ObjectMeta::path).collectList().block(WAIT))
          .containsExactly(".mpus-not-an-upload");
      assertThat(direct.list("/").map(ObjectMeta::path).collectList().block(WAIT))
          .containsExactly(".mpus-not-an-upload");
      client.abortMultipartUpload(b -> b.bucket(bucket).key("other/in-progress").uploadId(uploadId)).join();
    }
  }

  /** No object, no open upload and no key at all in the bucket, once the write's cleanup has run. */
  private void assertNothingLeft() throws InterruptedException {
    // the cleanup of a cancelled write runs after the cancel returns: wait until it is done
    assertThat(aborted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the upload was aborted").isTrue();
    proxy.awaitIdle(); // and nothing more is on its way to the store
    assertThat(openUploads()).as("open uploads").isZero();
    assertThat(rawKeys()).as("keys in the bucket").isEmpty();
    try (Operator direct = Operator.builder("s3").config(S3TestServer.config(bucket, server.endpoint())).build()) {
      assertThat(direct.exists("w/new").block(WAIT)).isFalse();
      assertThat(direct.list("/", ListOptions.recursively()).collectList().block(WAIT)).isEmpty();
    }
  }

  private List<String> rawKeys() {
    List<String> keys = new ArrayList<>();
    for (StorageMetadata m : server.blobStore().list(bucket, ListContainerOptions.Builder.recursive())) {
      keys.add(m.getName());
    }
    return keys;
  }

  private int openUploads() {
    return server.blobStore().listMultipartUploads(bucket).size();
  }
}
