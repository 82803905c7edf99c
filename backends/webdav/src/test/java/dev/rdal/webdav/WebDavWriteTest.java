package dev.rdal.webdav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes against the servers' own directories: a failed, cut or cancelled write leaves no file behind, not even
 * a temporary one; the upload size limit is a clear error; chunked uploads work on both servers; wrong
 * credentials are PERMISSION_DENIED without the password; the pool's gauges reach a given registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WebDavWriteTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private DavServer.Nginx nginx;
  private DavServer rclone;

  @BeforeAll
  void start() {
    nginx = DavServer.nginx();
    rclone = DavServer.rclone();
  }

  @AfterAll
  void stop() {
    nginx.close();
    rclone.close();
  }

  private static Operator operator(DavServer server, String... kv) {
    Map<String, String> c = server.config();
    for (int i = 0; i < kv.length; i += 2) c.put(kv[i], kv[i + 1]);
    return Operator.builder("webdav").config(c).build();
  }

  /** Every file below the server's root, as relative paths. */
  private static List<String> files(DavServer server) {
    try (Stream<Path> all = Files.walk(server.data())) {
      return all.filter(Files::isRegularFile).map(p -> server.data().relativize(p).toString()).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits (bounded) until no temporary upload file remains below {@code dir} of the server's root. */
  private static List<String> filesOnceSettled(DavServer server, String dir) {
    return Mono.fromCallable(() -> files(server).stream().filter(f -> f.startsWith(dir)).collect(Collectors.toList()))
        .flatMap(l -> l.stream().anyMatch(f -> f.contains(WebDavWriter.TEMP_PREFIX)) ? Mono.empty() : Mono.just(l))
        .repeatWhenEmpty(tries -> tries.take(600).concatMap(i -> Mono.delay(Duration.ofMillis(50))))
        .switchIfEmpty(Mono.fromCallable(() -> files(server)))
        .block(WAIT);
  }

  private static Flux<ByteBuffer> failingBody() {
    return Flux.range(0, 4).map(i -> ByteBuffer.wrap(new byte[64 * 1024]))
        .concatWith(Flux.error(new IllegalStateException("producer broke")));
  }

  @Test
  void aFailingBodyLeavesNothingOnEitherServer() {
    for (DavServer server : List.of(nginx, rclone)) {
      for (String chunked : List.of("false", "true")) {
        if (server == nginx && chunked.equals("true")) continue;
        try (Operator op = operator(server, "chunked_upload", chunked)) {
          String dir = "fail-" + chunked + "/";
          assertThatThrownBy(() -> op.write(dir + "f", failingBody()).block(WAIT))
              .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED));
          assertThat(filesOnceSettled(server, dir)).as("%s chunked=%s", server.name(), chunked).isEmpty();
        }
      }
    }
  }

  @Test
  void aChunkedWriteCancelledMidBodyLeavesNoTemporaryFile() throws InterruptedException {
    try (Operator op = operator(rclone, "chunked_upload", "true")) {
      CountDownLatch emitted = new CountDownLatch(3);
      Flux<ByteBuffer> body = Flux.range(0, 3).map(i -> ByteBuffer.wrap(new byte[64 * 1024]))
          .doOnNext(b -> emitted.countDown()).concatWith(Flux.never());
      Disposable write = op.write("cancel/f", body).subscribe(m -> { }, e -> { });
      assertThat(emitted.await(60, TimeUnit.SECONDS)).isTrue();
      write.dispose();
      assertThat(filesOnceSettled(rclone, "cancel/")).isEmpty();
    }
  }

  @Test
  void anUploadCutByTheNetworkLeavesNothing() throws Exception {
    try (FaultProxy proxy = new FaultProxy(nginx.port())) {
      Map<String, String> c = nginx.config();
      c.put("endpoint", nginx.endpoint(proxy.port()));
      try (Operator op = Operator.builder("webdav").config(c).build()) {
        op.createDir("cut/").block(WAIT);
        proxy.cutUploadsAfter(200_000);
        assertThatThrownBy(() -> op.write("cut/f", new byte[1 << 20]).block(WAIT))
            .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.isTemporary()).isTrue());
        proxy.cutUploadsAfter(-1);
        assertThat(filesOnceSettled(nginx, "cut/")).isEmpty();
      }
    }
  }

  @Test
  void aBodyOverTheBufferLimitIsInvalidInputAndSendsNothing() {
    try (Operator op = operator(nginx, "max_buffered_upload", "100k")) {
      assertThatThrownBy(() -> op.write("big/f", Flux.range(0, 3).map(i -> ByteBuffer.wrap(new byte[64 * 1024]))).block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("max_buffered_upload").contains("chunked_upload");
          });
      assertThat(filesOnceSettled(nginx, "big/")).isEmpty();
    }
  }

  @Test
  void chunkedUploadsWorkOnNginxToo() {
    // nginx has read chunked request bodies since 1.3.9; Debian 12's 1.22 takes a chunked PUT with dav
    byte[] content = new byte[300_000];
    new java.util.Random(5).nextBytes(content);
    try (Operator op = operator(nginx, "chunked_upload", "true")) {
      op.write("chunked/f", Flux.range(0, 3).map(i -> ByteBuffer.wrap(content, i * 100_000, 100_000))).block(WAIT);
      assertThat(op.readAllBytes("chunked/f").block(WAIT)).isEqualTo(content);
      assertThat(filesOnceSettled(nginx, "chunked/")).containsExactly("chunked/f");
    }
  }

  @Test
  void wrongCredentialsArePermissionDeniedWithoutThePassword() {
    String wrong = "not-the-Pa55word";
    try (Operator op = operator(rclone, "password", wrong)) {
      assertThatThrownBy(() -> op.stat("x").block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
            assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(DavServer.Rclone.PASSWORD).contains("401");
          });
    }
  }

  @Test
  void poolGaugesReachTheGivenRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Map<String, String> c = nginx.config();
    c.put("max_connections", "7");
    WebDavBackend backend = WebDavBackend.create(new BackendConfig("webdav", c), registry);
    try (Operator op = Operator.builder(backend).build()) {
      op.write("metered", new byte[10]).block(WAIT);
      Gauge max = registry.find(PoolMeters.PREFIX + "max.connections").tag("name", backend.poolName()).gauge();
      assertThat(max).isNotNull();
      assertThat(max.value()).isEqualTo(7);
      Gauge total = registry.find(PoolMeters.PREFIX + "total.connections").tag("name", backend.poolName()).gauge();
      assertThat(total).isNotNull();
      assertThat(total.value()).isGreaterThanOrEqualTo(1);
      assertThat(registry.find(PoolMeters.PREFIX + "active.connections").gauge()).isNotNull();
      assertThat(registry.find(PoolMeters.PREFIX + "idle.connections").gauge()).isNotNull();
      assertThat(registry.find(PoolMeters.PREFIX + "pending.connections").gauge()).isNotNull();
    }
  }
}
