package dev.rdal.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.Operator;
import dev.rdal.RangePolicy;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The range table of the module README, as observed on nginx and rclone: each row's raw answer (status and
 * Content-Range, or Content-Length on a 200) to a GET with that Range header, on a 1 MiB object and on an empty
 * one. It fails when a server's answer drifts from the table. A server that ignores Range (nginx with
 * {@code max_ranges 0}) is read through the backend, which cuts the range on its side with the right
 * ContentRange.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebDavRangeTableTest {

  private static final int MIB = 1 << 20;
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Range header (on the 1 MiB object, or on the empty one when it starts with "empty ") to the expected answer. */
  private static final Map<String, String> NGINX = new LinkedHashMap<>();
  private static final Map<String, String> RCLONE = new LinkedHashMap<>();

  static {
    row("bytes=0-4194303", "206 bytes 0-1048575/1048576", "206 bytes 0-1048575/1048576");
    row("bytes=2097152-", "416 bytes */1048576", "416 bytes */1048576");
    row("bytes=2097152-3145727", "416 bytes */1048576", "416 bytes */1048576");
    row("bytes=1048575-", "206 bytes 1048575-1048575/1048576", "206 bytes 1048575-1048575/1048576");
    row("bytes=1048576-", "416 bytes */1048576", "416 bytes */1048576");
    row("bytes=-100", "206 bytes 1048476-1048575/1048576", "206 bytes 1048476-1048575/1048576");
    row("bytes=-4194304", "206 bytes 0-1048575/1048576", "206 bytes 0-1048575/1048576");
    row("bytes=1048000-1049999", "206 bytes 1048000-1048575/1048576", "206 bytes 1048000-1048575/1048576");
    row("empty bytes=0-", "200 length 0", "416 bytes */0");
    row("empty bytes=-1", "200 length 0", "206 bytes 0--1/0");
  }

  private static void row(String range, String nginx, String rclone) {
    NGINX.put(range, nginx);
    RCLONE.put(range, rclone);
  }

  private DavServer.Nginx nginx;
  private DavServer rclone;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private byte[] content;

  @BeforeAll
  void start() {
    nginx = DavServer.nginx();
    rclone = DavServer.rclone();
    content = new byte[MIB];
    new Random(3).nextBytes(content);
    for (DavServer s : List.of(nginx, rclone)) {
      try (Operator op = Operator.builder("webdav").config(s.config()).build()) {
        op.write("mib", content).block(WAIT);
        op.write("empty", new byte[0]).block(WAIT);
      }
    }
  }

  @AfterAll
  void stop() {
    nginx.close();
    rclone.close();
  }

  private String answer(DavServer server, String row) throws IOException, InterruptedException {
    boolean empty = row.startsWith("empty ");
    String range = empty ? row.substring(6) : row;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint(server.port()) + (empty ? "empty" : "mib")))
        .header("Range", range).GET();
    String user = server.config().get("username");
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (user + ":" + server.config().get("password")).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 200) {
      return "200 length " + r.body().length;
    }
    return r.statusCode() + " " + r.headers().firstValue("Content-Range").orElse("(none)");
  }

  @Test
  void nginxAnswersAsTheTableSays() throws Exception {
    for (Map.Entry<String, String> row : NGINX.entrySet()) {
      assertThat(answer(nginx, row.getKey())).as("nginx, %s", row.getKey()).isEqualTo(row.getValue());
    }
  }

  @Test
  void rcloneAnswersAsTheTableSays() throws Exception {
    for (Map.Entry<String, String> row : RCLONE.entrySet()) {
      assertThat(answer(rclone, row.getKey())).as("rclone, %s", row.getKey()).isEqualTo(row.getValue());
    }
  }

  @Test
  void aServerIgnoringRangeIsCutOnTheClientWithTheRightContentRange() throws Exception {
    Map<String, String> config = nginx.config();
    config.put("endpoint", nginx.endpoint(nginx.ignoringRangesPort()));
    assertThat(answer(nginx.ignoringRangesPort(), "bytes=100-199")).isEqualTo("200 length " + MIB);
    try (Operator op = Operator.builder("webdav").config(config).build()) {
      check(op, ByteRange.of(100, 100), RangePolicy.STRICT, ContentRange.of(100, 199, MIB));
      check(op, ByteRange.of(MIB - 10, 100), RangePolicy.CLAMP, ContentRange.of(MIB - 10, MIB - 1, MIB));
      check(op, ByteRange.suffix(1000), RangePolicy.STRICT, ContentRange.of(MIB - 1000, MIB - 1, MIB));
      check(op, ByteRange.from(MIB / 2), RangePolicy.STRICT, ContentRange.of(MIB / 2, MIB - 1, MIB));
      check(op, ByteRange.of(5000, 70000), RangePolicy.STRICT, ContentRange.of(5000, 74999, MIB));
      ReadResult past = op.readWithMeta("mib", ReadOptions.range(ByteRange.from(2L * MIB)).withPolicy(RangePolicy.CLAMP))
          .block(WAIT);
      assertThat(past.contentRange()).isEqualTo(ContentRange.unsatisfied(MIB));
      assertThat(past.bodyBytes().block(WAIT)).isEmpty();
    }
  }

  private String answer(int port, String range) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(nginx.endpoint(port) + "mib")).header("Range", range).GET().build();
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    return r.statusCode() == 200 ? "200 length " + r.body().length : r.statusCode() + " " + r.headers().firstValue("Content-Range");
  }

  private void check(Operator op, ByteRange range, RangePolicy policy, ContentRange expected) {
    ReadResult r = op.readWithMeta("mib", ReadOptions.range(range).withPolicy(policy)).block(WAIT);
    assertThat(r.contentRange()).as("served range of %s", range).isEqualTo(expected);
    byte[] got = r.bodyBytes().block(WAIT);
    assertThat(got).isEqualTo(Arrays.copyOfRange(content, (int) expected.first(), (int) expected.last() + 1));
  }
}
