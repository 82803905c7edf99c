package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import dev.rdal.spi.BackendConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * S3 keys are at most 1024 bytes of UTF-8, the backend's root prefix included: a longer one is
 * {@code INVALID_INPUT} naming the limit, before any request is sent, whether the call comes through the
 * operator or straight to the backend; one of exactly 1024 bytes is stored.
 */
class S3KeyLimitTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ROOT = "prefix/déjà/";

  private HttpServer counting;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startCountingServer() throws Exception {
    counting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    counting.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    counting.start();
  }

  @AfterEach
  void stopCountingServer() {
    counting.stop(0);
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** A path whose key under {@link #ROOT} is exactly {@code keyBytes} bytes, with 2-byte characters in it. */
  private static String pathForKeyOf(int keyBytes) {
    int left = keyBytes - utf8(ROOT);
    StringBuilder sb = new StringBuilder();
    while (left - utf8(sb.toString()) > 200) {
      sb.append("ü").append("d".repeat(196)).append('/');
    }
    int rest = left - utf8(sb.toString());
    sb.append("é").append("f".repeat(rest - 2));
    assertThat(utf8(ROOT + sb)).isEqualTo(keyBytes);
    return sb.toString();
  }

  private Map<String, String> configOn(String bucket, URI endpoint) {
    Map<String, String> c = S3TestServer.config(bucket, endpoint);
    c.put("root", ROOT);
    return c;
  }

  private static RdalException error(Publisher<?> p) {
    try {
      Flux.from(p).then().block(WAIT);
    } catch (RdalException e) {
      return e;
    }
    throw new AssertionError("expected an RdalException");
  }

  @Test
  void aKeyOverTheLimitFailsBeforeAnyRequestForEveryOperation() {
    URI endpoint = URI.create("http://127.0.0.1:" + counting.getAddress().getPort());
    String path = pathForKeyOf(1025);
    S3Backend backend = (S3Backend) new S3BackendProvider()
        .create(new BackendConfig("s3", configOn("any-bucket", endpoint)));
    try (Operator op = Operator.builder(backend).build()) {
      List<RdalException> errors = new ArrayList<>();
      errors.add(error(op.write(path, new byte[1])));
      errors.add(error(op.read(path)));
      errors.add(error(op.stat(path)));
      errors.add(error(op.delete(path)));
      errors.add(error(op.list(path)));
      errors.add(error(op.createDir(path)));
      errors.add(error(op.openReader(path)));
      errors.add(error(op.copy("short", path)));
      errors.add(error(op.rename("short", path)));
      errors.add(error(op.presignRead(path, Duration.ofMinutes(1))));
      errors.add(error(op.presignWrite(path, Duration.ofMinutes(1))));
      assertThat(op.deleteAll(Flux.just(path)).collectList().block(WAIT))
          .singleElement().satisfies(r -> errors.add(r.error()));
      // the operator names the limit of a path below the root: 1024 bytes less the root's
      assertThat(errors).allSatisfy(e -> {
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(e.getMessage()).contains(String.valueOf(1024 - utf8(ROOT)));
      });
      assertThat(op.capabilities().maxPathBytes()).hasValue(1024 - utf8(ROOT));
      errors.clear();
      // straight to the backend, without the operator's check, the key's own limit
      errors.add(error(Mono.defer(() -> backend.write(path, Flux.just(ByteBuffer.allocate(1)), WriteOptions.defaults()))));
      errors.add(error(Mono.defer(() -> backend.stat(path))));
      errors.add(error(Mono.defer(() -> backend.delete(path))));
      errors.add(error(Flux.defer(() -> backend.list(path + "/", ListOptions.defaults()))));
      errors.add(error(Mono.defer(() -> backend.copy("short", path))));
      errors.add(error(Mono.defer(() -> backend.presignRead(path, Duration.ofMinutes(1)))));
      assertThat(errors).allSatisfy(e -> {
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(e.getMessage()).contains("1024");
      });
    }
    assertThat(requests.get()).as("requests sent").isZero();
  }

  @Test
  void aKeyOfExactly1024BytesIsStoredAndOneByteMoreIsNot() {
    S3TestServer server = S3TestServer.get();
    String bucket = server.newBucket();
    try (Operator op = Operator.builder("s3").config(configOn(bucket, server.endpoint())).build()) {
      String atLimit = pathForKeyOf(1024);
      op.write(atLimit, new byte[] {1, 2, 3}).block(WAIT);
      assertThat(op.readAllBytes(atLimit).block(WAIT)).containsExactly(1, 2, 3);
      assertThat(error(op.write(pathForKeyOf(1025), new byte[1])).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
      assertThat(error(op.write(pathForKeyOf(1026), new byte[1])).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    }
    List<String> stored = new ArrayList<>();
    for (StorageMetadata m : server.blobStore().list(bucket, ListContainerOptions.Builder.recursive())) {
      stored.add(m.getName());
    }
    assertThat(stored).containsExactly(ROOT + pathForKeyOf(1024));
  }
}
