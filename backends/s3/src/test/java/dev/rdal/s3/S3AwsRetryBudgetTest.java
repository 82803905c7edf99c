package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.layers.Layers;
import dev.rdal.layers.RetryPolicy;
import dev.rdal.s3.FakeAws.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who retries: the SDK sends each request at most {@code max_attempts} times; rdal's retry layer retries
 * whole operations on top. Counted on a store that answers every GET with 503 SlowDown.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3AwsRetryBudgetTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private FakeAws aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAws();
    aws.onKey("GET", "k").reply(Response.error(503, "SlowDown", "Please reduce your request rate."));
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void theSdkSendsARequestAtMostMaxAttemptsTimes() {
    try (Operator op = Operator.builder("s3").config(aws.config()).build()) {
      assertFailsRateLimited(op);
    }
    assertThat(aws.requests("GET")).hasSize(S3Settings.DEFAULT_MAX_ATTEMPTS);
  }

  @Test
  void withMaxAttemptsOneOnlyTheRetryLayerRetries() {
    try (Operator op = Operator.builder("s3").config(aws.config()).config("max_attempts", "1")
        .layer(Layers.retry(RetryPolicy.defaults().withMaxRetries(2).withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))))
        .build()) {
      assertFailsRateLimited(op);
    }
    assertThat(aws.requests("GET")).hasSize(3);
  }

  private static void assertFailsRateLimited(Operator op) {
    assertThatThrownBy(() -> op.readAllBytes("k").block(WAIT))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
  }
}
