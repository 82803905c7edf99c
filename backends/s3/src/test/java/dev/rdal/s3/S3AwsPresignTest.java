package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.s3.FakeAws.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Presigned URLs: expiries within the 1 second to 7 days that S3 accepts, and session credentials. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3AwsPresignTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void expiriesOutsideOneSecondToSevenDaysAreInvalidInput() throws Exception {
    try (FakeAws aws = new FakeAws(); Operator op = Operator.builder("s3").config(aws.config()).build()) {
      for (Duration ttl : new Duration[] {Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(-1),
          Duration.ofDays(7).plusSeconds(1)}) {
        assertThatThrownBy(() -> op.presignRead("k", ttl).block(WAIT)).as(ttl.toString())
            .isInstanceOfSatisfying(RdalException.class, e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
              assertThat(e.getMessage()).contains("7 days");
            });
        assertThatThrownBy(() -> op.presignWrite("k", ttl).block(WAIT)).as(ttl.toString())
            .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
      }
    }
  }

  @Test
  void aUrlOfSevenDaysSignedWithSessionCredentialsCarriesTheTokenAndReachesTheStore() throws Exception {
    try (FakeAws aws = new FakeAws();
        Operator op = Operator.builder("s3").config(aws.config()).config("session_token", "FwoGZXIvSESSIONTOKEN").build()) {
      aws.onKey("GET", "k").reply(Response.of(200, "text/plain", "abc"));
      URI url = op.presignRead("k", Duration.ofDays(7)).block(WAIT);
      assertThat(url.getRawQuery()).contains("X-Amz-Expires=604800").contains("X-Amz-Security-Token=");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("abc");
      assertThat(aws.requests("GET")).singleElement().satisfies(req ->
          assertThat(req.query()).containsKey("X-Amz-Signature").containsEntry("X-Amz-Security-Token", "FwoGZXIvSESSIONTOKEN"));
    }
  }
}
