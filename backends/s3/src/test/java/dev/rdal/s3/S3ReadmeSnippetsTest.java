package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The s3 README's snippets, compiled and run against S3Proxy. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3ReadmeSnippetsTest {

  private final S3TestServer server = S3TestServer.get();

  @Test
  void theBuilderSnippetWritesAnObject() {
    server.blobStore().createContainerInLocation(null, "my-bucket");
    String keyId = S3TestServer.ACCESS_KEY_ID;
    String secret = S3TestServer.SECRET;
    byte[] bytes = "year,total\n2026,1\n".getBytes();
    // tag::builder[]
    try (Operator op = Operator.builder("s3")
        .config("bucket", "my-bucket")
        .config("region", "eu-west-1")
        .config("access_key_id", keyId)            // or leave both keys out for the SDK's default chain
        .config("secret_access_key", secret)
        // end::builder[]
        .config(local())                           // only here: the S3Proxy of the tests
        // tag::builder[]
        .build()) {
      op.write("reports/2026.csv", bytes).block();
    }
    // or: Operator.of("s3://my-bucket/some/prefix?region=eu-west-1&endpoint=http://127.0.0.1:9000&path_style=true")
    // end::builder[]
    assertThat(server.blobStore().blobExists("my-bucket", "reports/2026.csv")).isTrue();
  }

  @Test
  void theClientPerWorkerSnippetRuns() {
    Map<String, String> config = server.config(server.newBucket());
    // tag::client-per-worker[]
    Operator op = Operator.builder("s3").config(config).config("client_per_worker", "true")
        .executionPolicy(ExecutionPolicy.dedicated(8))   // at most 8 clients, plus the shared one
        .build();
    // end::client-per-worker[]
    try (op) {
      op.write("a", new byte[] {7}).block(Duration.ofSeconds(30));
      assertThat(op.readAllBytes("a").block(Duration.ofSeconds(30))).containsExactly(7);
    }
  }

  private Map<String, String> local() {
    return Map.of("endpoint", server.endpoint().toString(), "path_style", "true", "checksums", "when_required");
  }
}
