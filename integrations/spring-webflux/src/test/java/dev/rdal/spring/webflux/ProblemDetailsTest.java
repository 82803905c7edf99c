package dev.rdal.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ProblemDetail;

/** Every error kind maps to its status, and what reaches a client names no internals. */
class ProblemDetailsTest {

  @ParameterizedTest
  @CsvSource({
      "NOT_FOUND, 404", "PERMISSION_DENIED, 403", "RANGE_NOT_SATISFIABLE, 416", "CONDITION_NOT_MET, 412",
      "UNSUPPORTED, 501", "INVALID_INPUT, 400", "ALREADY_EXISTS, 409", "IS_A_DIRECTORY, 409",
      "NOT_A_DIRECTORY, 409", "RATE_LIMITED, 503", "CONFIG_INVALID, 500", "UNEXPECTED, 500"})
  void kindsMapToStatuses(ErrorKind kind, int status) {
    RdalException e = RdalException.builder(kind, "secret-config=hunter2 at /srv/data").backend("s3")
        .operation("read").path("a/b").build();
    ProblemDetail p = ProblemDetails.of(e);
    assertThat(p.getStatus()).isEqualTo(status);
    assertThat(ProblemDetails.status(e).value()).isEqualTo(status);
    String json = ProblemDetails.json(p);
    assertThat(json).contains("\"status\":" + status);
    if (kind != ErrorKind.INVALID_INPUT) {
      assertThat(json).doesNotContain("hunter2").doesNotContain("/srv/data");
    }
    assertThat(json).doesNotContain("s3").doesNotContain("operation");
  }

  @Test
  void temporaryErrorsAre503WithRetryAfter() {
    RdalException e = RdalException.builder(ErrorKind.UNEXPECTED, "connection reset").temporary(true).build();
    assertThat(ProblemDetails.status(e).value()).isEqualTo(503);
    assertThat(ProblemDetails.response(e).block().headers().getFirst("Retry-After")).isEqualTo("1");
    assertThat(ProblemDetails.status(new IllegalStateException("boom")).value()).isEqualTo(500);
    assertThat(ProblemDetails.json(ProblemDetails.of(new IllegalStateException("boom")))).doesNotContain("boom");
    assertThat(ProblemDetails.of(RdalException.unsupported("fs", "presign", Capability.PRESIGN)).getStatus()).isEqualTo(501);
  }

  @Test
  void invalidInputKeepsItsOwnMessageWithoutContext() {
    RdalException e = RdalException.builder(ErrorKind.INVALID_INPUT, "limit must be a whole number")
        .backend("fs").operation("list").path("x/").build();
    assertThat(ProblemDetails.of(e).getDetail()).isEqualTo("limit must be a whole number");
  }
}
