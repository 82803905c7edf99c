package dev.rdal.spring.webflux;

import static dev.rdal.spring.webflux.EndpointServer.TIMEOUT;
import static dev.rdal.spring.webflux.Http.header;
import static dev.rdal.spring.webflux.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local files go out by sendfile when zero-copy is on, and never when it is off; the file sent is the
 * version whose size and ETag the headers announced, even when a writer replaces it in between.
 */
class ZeroCopyTest {

  private static final byte[] OLD = ObjectEndpointTest.pattern(300_000);

  @TempDir
  Path dir;

  private final RegionProbe probe = new RegionProbe();
  private Operator op;
  private EndpointServer server;

  @AfterEach
  void close() {
    if (server != null) server.close();
    if (op != null) op.close();
  }

  private void start(boolean zeroCopy) {
    op = Operator.builder("fs").config("root", dir.toString()).layer(probe).build();
    op.write("f.bin", OLD).block(TIMEOUT);
    server = EndpointServer.of(ObjectEndpoint.builder(op).basePath("/files").zeroCopy(zeroCopy).build().routes());
  }

  @Test
  void wholeFilesAndRangesGoOutByZeroCopy() {
    start(true);
    HttpResponse<byte[]> whole = send("GET", server.uri("/files/f.bin"));
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(OLD);
    HttpResponse<byte[]> range = send("GET", server.uri("/files/f.bin"), "Range", "bytes=1000-200999");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(header(range, "Content-Range")).isEqualTo("bytes 1000-200999/300000");
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(OLD, 1000, 201000));
    assertThat(probe.offered.get()).isEqualTo(2);
    Await.until("the region links are deleted", () -> Await.names(dir).equals(java.util.List.of("f.bin")));
    Await.until("no file below the root is open", () -> Await.openFilesBelow(dir).isEmpty());
  }

  @Test
  void offWhenTurnedOff() {
    start(false);
    assertThat(send("GET", server.uri("/files/f.bin")).body()).isEqualTo(OLD);
    assertThat(probe.asked.get()).isZero();
  }

  @Test
  void aFileReplacedAfterTheHeadersIsStillSentInTheVersionAnnounced() {
    start(true);
    byte[] replacement = "a newer and shorter version".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String oldEtag = header(send("HEAD", server.uri("/files/f.bin")), "ETag");
    probe.beforeRegion = () -> replace(replacement);
    HttpResponse<byte[]> r = send("GET", server.uri("/files/f.bin"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "ETag")).isEqualTo(oldEtag);
    assertThat(header(r, "Content-Length")).isEqualTo(Integer.toString(OLD.length));
    assertThat(r.body()).as("the body streamed from the version opened, not the new file").isEqualTo(OLD);
    assertThat(probe.asked.get()).isEqualTo(1);
    assertThat(probe.offered.get()).isZero();
    probe.beforeRegion = () -> { };
    assertThat(send("GET", server.uri("/files/f.bin")).body()).isEqualTo(replacement);
  }

  private void replace(byte[] bytes) {
    try {
      Path tmp = Files.createTempFile(dir.getParent(), "replacement", ".bin");
      Files.write(tmp, bytes);
      Files.move(tmp, dir.resolve("f.bin"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
