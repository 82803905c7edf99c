package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * The error mapping on real HTTP answers: a loopback server (the fault proxy in answering mode) returns
 * each status with an S3 error document, and the backend's error kind and temporary flag are checked.
 * The SDK's own retries run first (so temporary answers take a few backoffs).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3ErrorMappingTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "404, NoSuchKey, NOT_FOUND, false",
      "403, AccessDenied, PERMISSION_DENIED, false",
      "412, PreconditionFailed, CONDITION_NOT_MET, false",
      "416, InvalidRange, RANGE_NOT_SATISFIABLE, false",
      "429, TooManyRequests, RATE_LIMITED, true",
      "503, SlowDown, RATE_LIMITED, true",
      "500, InternalError, UNEXPECTED, true",
      "502, BadGateway, UNEXPECTED, true",
      "400, InvalidArgument, INVALID_INPUT, false"})
  void statusesMapToKinds(int status, String code, ErrorKind kind, boolean temporary) throws Exception {
    S3TestServer server = S3TestServer.get();
    try (FaultProxy proxy = new FaultProxy(server.port())) {
      String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>canned "
          + code + "</Message><RequestId>REQ1</RequestId></Error>";
      proxy.answerWith("HTTP/1.1 " + status + " Canned\r\nContent-Type: application/xml\r\nContent-Length: "
          + body.length() + "\r\nConnection: close\r\n\r\n" + body);
      Map<String, String> c = S3TestServer.config("any-bucket", proxy.endpoint());
      try (Operator op = Operator.builder("s3").config(c).build()) {
        assertThatThrownBy(() -> op.readAllBytes("k").block(WAIT))
            .isInstanceOfSatisfying(RdalException.class, e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.isTemporary()).isEqualTo(temporary);
              assertThat(e.backend()).isEqualTo("s3");
              assertThat(e.path()).isEqualTo("k");
            });
      }
    }
  }

  @Test
  void aRefused416CarriesTheSizeWhenTheAnswerStatesIt() throws Exception {
    S3TestServer server = S3TestServer.get();
    try (FaultProxy proxy = new FaultProxy(server.port())) {
      String body = "<Error><Code>InvalidRange</Code><Message>m</Message></Error>";
      proxy.answerWith("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */1048576\r\nContent-Length: "
          + body.length() + "\r\nConnection: close\r\n\r\n" + body);
      S3Backend backend = (S3Backend) new S3BackendProvider().create(
          new dev.rdal.spi.BackendConfig("s3", S3TestServer.config("any-bucket", proxy.endpoint())));
      try {
        assertThatThrownBy(() -> backend.read("k", new dev.rdal.spi.ReadRequest(dev.rdal.ByteRange.from(2 << 20), null, null))
            .block(WAIT))
            .isInstanceOfSatisfying(RdalException.class, e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.RANGE_NOT_SATISFIABLE);
              assertThat(e.objectSize()).hasValue(1048576L);
            });
      } finally {
        backend.close().block(WAIT);
      }
    }
  }

  /**
   * Records that S3Proxy 2.6 ignores {@code If-None-Match: *} on PUT (AWS S3 enforces it atomically). The
   * backend checks with a HEAD first, so if-not-exists still refuses an existing object; only two writers
   * racing between the HEAD and the PUT can both succeed on such a store.
   */
  @Test
  void s3ProxyIgnoresIfNoneMatchOnPutButTheBackendStillRefuses() {
    S3TestServer server = S3TestServer.get();
    String bucket = server.newBucket();
    S3Backend backend = (S3Backend) new S3BackendProvider().create(new dev.rdal.spi.BackendConfig("s3", server.config(bucket)));
    try {
      backend.client().putObject(b -> b.bucket(bucket).key("k"), AsyncRequestBody.fromString("one")).join();
      Throwable refused = backend.client()
          .putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), AsyncRequestBody.fromString("two"))
          .handle((r, e) -> e).join();
      assertThat(refused).as("S3Proxy 2.6 accepts the second PUT despite If-None-Match: *").isNull();
      assertThatThrownBy(() -> backend.write("k", dev.rdal.Buffers.of(new byte[] {1}),
              WriteOptions.defaults().withIfNotExists(true)).block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    } finally {
      backend.close().block(WAIT);
    }
  }
}
