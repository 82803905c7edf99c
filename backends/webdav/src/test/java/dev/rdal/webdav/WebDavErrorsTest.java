package dev.rdal.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

/** HTTP statuses and client failures map to the right kinds, temporary where a retry may help. */
class WebDavErrorsTest {

  private static void maps(int status, ErrorKind kind, boolean temporary) {
    RdalException e = WebDavErrors.status(status, "GET", "read", "a/b");
    assertThat(e.kind()).as("HTTP %s", status).isEqualTo(kind);
    assertThat(e.isTemporary()).as("HTTP %s temporary", status).isEqualTo(temporary);
    assertThat(e.getMessage()).contains("HTTP " + status).contains("backend=webdav").contains("path=a/b");
  }

  @Test
  void statuses() {
    maps(401, ErrorKind.PERMISSION_DENIED, false);
    maps(403, ErrorKind.PERMISSION_DENIED, false);
    maps(404, ErrorKind.NOT_FOUND, false);
    maps(409, ErrorKind.NOT_FOUND, false);
    maps(304, ErrorKind.CONDITION_NOT_MET, false);
    maps(412, ErrorKind.CONDITION_NOT_MET, false);
    maps(416, ErrorKind.RANGE_NOT_SATISFIABLE, false);
    maps(423, ErrorKind.UNEXPECTED, true);
    maps(429, ErrorKind.RATE_LIMITED, true);
    maps(500, ErrorKind.UNEXPECTED, true);
    maps(503, ErrorKind.UNEXPECTED, true);
    maps(501, ErrorKind.UNEXPECTED, false);
    maps(507, ErrorKind.UNEXPECTED, false);
    maps(411, ErrorKind.UNEXPECTED, false);
    assertThat(WebDavErrors.status(411, "PUT", "write", "f").getMessage()).contains("leave chunked_upload off");
  }

  @Test
  void clientFailuresAreTemporary() {
    RdalException cut = WebDavErrors.map(PrematureCloseException.TEST_EXCEPTION, "read", "f");
    assertThat(cut.isTemporary()).isTrue();
    assertThat(cut.kind()).isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(WebDavErrors.map(new IOException("refused"), "stat", "f").isTemporary()).isTrue();
    RdalException typed = RdalException.of(ErrorKind.NOT_FOUND, "gone");
    assertThat(WebDavErrors.map(typed, "stat", "f").kind()).isEqualTo(ErrorKind.NOT_FOUND);
  }
}
