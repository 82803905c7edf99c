package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Configuration of the s3 backend: URIs, validation, and that no key or secret is ever shown. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3ConfigTest {

  private static final String KEY_ID = "AKIAEXAMPLEKEYID1234";
  private static final String SECRET = "wJalrXUtnFEMI-example-secret";
  private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";

  @Test
  void uriNamesBucketRootAndQueryKeys() {
    Map<String, String> c = new S3BackendProvider().configFromUri(
        URI.create("s3://my-bucket/some/prefix?region=eu-west-1&endpoint=http://127.0.0.1:9000&path_style=true"));
    assertThat(c).containsEntry("bucket", "my-bucket").containsEntry("root", "/some/prefix")
        .containsEntry("region", "eu-west-1").containsEntry("endpoint", "http://127.0.0.1:9000")
        .containsEntry("path_style", "true");
    S3Settings s = S3Settings.from(new BackendConfig("s3", c));
    assertThat(s.root()).isEqualTo("some/prefix/");
    assertThat(s.pathStyle()).isTrue();
    assertThat(s.partSize()).isEqualTo(S3Settings.DEFAULT_PART_SIZE);
  }

  @Test
  void operatorOfAnS3UriReachesTheStoreUnderItsRoot() {
    S3TestServer server = S3TestServer.get();
    String bucket = server.newBucket();
    String uri = "s3://" + bucket + "/root/dir?region=us-east-1&path_style=true&checksums=when_required&endpoint="
        + server.endpoint() + "&access_key_id=" + S3TestServer.ACCESS_KEY_ID + "&secret_access_key=" + S3TestServer.SECRET;
    try (Operator op = Operator.of(uri)) {
      op.write("a", new byte[] {1, 2}).block(Duration.ofSeconds(30));
      assertThat(server.blobStore().blobExists(bucket, "root/dir/a")).isTrue();
      assertThat(op.list("/").blockFirst(Duration.ofSeconds(30)).path()).isEqualTo("a");
    }
  }

  @Test
  void secretsAndTheAccessKeyIdAreNeverShown() {
    Map<String, String> c = new HashMap<>(Map.of("bucket", "b-1x", "access_key_id", KEY_ID,
        "secret_access_key", SECRET, "session_token", TOKEN, "endpoint", "http://127.0.0.1:1"));
    S3Backend backend = (S3Backend) new S3BackendProvider().create(new BackendConfig("s3", c));
    try {
      assertThat(backend.toString()).doesNotContain(KEY_ID).doesNotContain(SECRET).doesNotContain(TOKEN)
          .contains("redacted");
      assertThat(new BackendConfig("s3", c).toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
      Operator op = Operator.builder(backend).build();
      assertThat(op.toString()).doesNotContain(KEY_ID).doesNotContain(SECRET).doesNotContain(TOKEN);
      assertThatThrownBy(() -> op.stat("x").block(Duration.ofSeconds(90)))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.isTemporary()).isTrue();
            assertThat(e.getMessage()).doesNotContain(KEY_ID).doesNotContain(SECRET).doesNotContain(TOKEN);
          });
      op.close();
    } finally {
      backend.close().block(Duration.ofSeconds(30));
    }
  }

  @Test
  void badValuesNameTheKey() {
    assertInvalid(Map.of(), "bucket");
    assertInvalid(Map.of("bucket", "Bad_Bucket"), "bucket");
    assertInvalid(Map.of("bucket", "okay-bucket", "part_size", "1m"), "part_size");
    assertInvalid(Map.of("bucket", "okay-bucket", "upload_concurrency", "0"), "upload_concurrency");
    assertInvalid(Map.of("bucket", "okay-bucket", "access_key_id", KEY_ID), "secret_access_key");
    assertInvalid(Map.of("bucket", "okay-bucket", "endpoint", "not a uri"), "endpoint");
    assertInvalid(Map.of("bucket", "okay-bucket", "checksums", "sometimes"), "checksums");
    assertInvalid(Map.of("bucket", "okay-bucket", "client_per_worker", "maybe"), "client_per_worker");
    assertThat(S3Settings.from(new BackendConfig("s3", Map.of("bucket", "okay-bucket"))).clientPerWorker()).isFalse();
    assertThat(S3Settings.from(new BackendConfig("s3", Map.of("bucket", "okay-bucket", "client_per_worker", "true")))
        .clientPerWorker()).isTrue();
    assertThat(S3Settings.from(new BackendConfig("s3", Map.of("bucket", "okay-bucket", "part_size", "1m",
        "allow_small_parts", "true"))).partSize()).isEqualTo(1 << 20);
  }

  @Test
  void aBadSecretIsNeverQuotedInAnError() {
    assertThatThrownBy(() -> S3Settings.from(new BackendConfig("s3",
        Map.of("bucket", "okay-bucket", "secret_access_key", SECRET))))
        .isInstanceOfSatisfying(RdalException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
          assertThat(e.getMessage()).doesNotContain(SECRET);
        });
  }

  private static void assertInvalid(Map<String, String> c, String key) {
    assertThatThrownBy(() -> S3Settings.from(new BackendConfig("s3", c)))
        .isInstanceOfSatisfying(RdalException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
          assertThat(e.getMessage()).contains("'" + key + "'");
        });
  }

  @Test
  void unknownKeysAreConfigInvalidNamingTheNearestKnownOne() {
    Map<String, String> c = new HashMap<>(S3TestServer.config("any-bucket", URI.create("http://127.0.0.1:1")));
    c.put("regoin", "eu-west-1");
    assertThatThrownBy(() -> Operator.builder("s3").config(c).build())
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
        .hasMessageContaining("'regoin'").hasMessageContaining("did you mean 'region'?")
        .hasMessageNotContaining(S3TestServer.SECRET);
    assertThatThrownBy(() -> Operator.of("s3://b-u-c/p?region=us-east-1&path-style=true"))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
        .hasMessageContaining("did you mean 'path_style'?");
  }
}
