package dev.rdal.spring.webflux;

import static dev.rdal.spring.webflux.EndpointServer.TIMEOUT;
import static dev.rdal.spring.webflux.Http.header;
import static dev.rdal.spring.webflux.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.Operator;
import dev.rdal.WriteOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every row of the endpoint's HTTP behaviour, on a real Reactor Netty server, against memory, fs (with and
 * without zero-copy) and s3 (S3Proxy): exact headers with {@code java.net.http}, some rows also with
 * WebTestClient.
 */
class ObjectEndpointTest {

  private static final int SIZE = 1000;
  private static final byte[] DATA = pattern(SIZE);

  @TempDir
  Path dir;

  private Operator op;
  private EndpointServer server;

  @AfterEach
  void close() {
    if (server != null) server.close();
    if (op != null) op.close();
  }

  private void start(Store store, boolean writable) {
    op = store.open(dir);
    WriteOptions o = op.capabilities().has(Capability.CONTENT_TYPE)
        ? WriteOptions.defaults().withContentType("text/plain") : WriteOptions.defaults();
    op.write("docs/hello.txt", DATA, o).block(TIMEOUT);
    server = EndpointServer.of(store.endpoint(op).writable(writable).build().routes());
  }

  private HttpResponse<byte[]> get(String... headers) {
    return send("GET", server.uri("/files/docs/hello.txt"), headers);
  }

  private String etag() {
    return header(get(), "ETag");
  }

  private String lastModified() {
    return header(get(), "Last-Modified");
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void getAndHeadSendTheRepresentationHeaders(Store store) {
    start(store, false);
    HttpResponse<byte[]> r = get();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(DATA);
    assertThat(header(r, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(header(r, "Content-Length")).isEqualTo("1000");
    assertThat(header(r, "Content-Type")).startsWith("text/plain");
    assertThat(header(r, "ETag")).matches("(W/)?\".+\"");
    assertThat(header(r, "Last-Modified")).endsWith("GMT");

    HttpResponse<byte[]> h = send("HEAD", server.uri("/files/docs/hello.txt"));
    assertThat(h.statusCode()).isEqualTo(200);
    assertThat(h.body()).isEmpty();
    for (String name : List.of("Accept-Ranges", "Content-Length", "Content-Type", "ETag", "Last-Modified")) {
      assertThat(header(h, name)).as(name).isEqualTo(header(r, name));
    }

    WebTestClient.bindToServer().baseUrl(server.uri("").toString()).responseTimeout(TIMEOUT).build()
        .get().uri("/files/docs/hello.txt").exchange()
        .expectStatus().isOk()
        .expectHeader().valueEquals("Accept-Ranges", "bytes")
        .expectHeader().contentLength(SIZE)
        .expectBody(byte[].class).isEqualTo(DATA);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void oneRangeIsServedAsIs(Store store) {
    start(store, false);
    assertRange(get("Range", "bytes=10-19"), 10, 19);
    assertRange(get("Range", "bytes=-10"), 990, 999);
    assertRange(get("Range", "bytes=995-"), 995, 999);
    assertRange(get("Range", "bytes=990-5000"), 990, 999);
    assertRange(get("Range", "bytes=0-0"), 0, 0);
    assertRange(get("Range", "bytes=-5000"), 0, 999);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void anUnsatisfiableRangeIs416WithTheSize(Store store) {
    start(store, false);
    for (String range : List.of("bytes=2000-5000", "bytes=1000-", "bytes=-0", "bytes=1000-1000,2000-")) {
      HttpResponse<byte[]> r = get("Range", range);
      assertThat(r.statusCode()).as(range).isEqualTo(416);
      assertThat(header(r, "Content-Range")).as(range).isEqualTo("bytes */1000");
      assertThat(header(r, "Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void severalRangesAreCoalescedIntoOne(Store store) {
    start(store, false);
    assertRange(get("Range", "bytes=0-9,20-29"), 0, 29);
    assertRange(get("Range", "bytes=500-509, -10"), 500, 999);
    assertRange(get("Range", "bytes=5-9,2000-3000"), 5, 9);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aMalformedRangeIsIgnored(Store store) {
    start(store, false);
    for (String range : List.of("bytes=abc", "bytes=5-2", "items=0-1", "bytes", "bytes=1-2-3", "bytes=--1",
        "bytes=99999999999999999999-")) {
      HttpResponse<byte[]> r = get("Range", range);
      assertThat(r.statusCode()).as(range).isEqualTo(200);
      assertThat(r.body()).as(range).isEqualTo(DATA);
      assertThat(header(r, "Content-Range")).as(range).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void ifRangeIsComparedStrongly(Store store) {
    start(store, false);
    String etag = etag();
    String lm = lastModified();
    assertRange(get("Range", "bytes=10-19", "If-Range", etag), 10, 19);
    assertRange(get("Range", "bytes=10-19", "If-Range", lm), 10, 19);
    for (String stale : List.of("\"other\"", "W/" + etag, httpDate(Instant.parse("2001-01-01T00:00:00Z")))) {
      HttpResponse<byte[]> r = get("Range", "bytes=10-19", "If-Range", stale);
      assertThat(r.statusCode()).as(stale).isEqualTo(200);
      assertThat(r.body()).isEqualTo(DATA);
    }
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void ifNoneMatchAndIfModifiedSinceGive304(Store store) {
    start(store, false);
    String etag = etag();
    for (String[] h : List.of(new String[] {"If-None-Match", etag}, new String[] {"If-None-Match", "W/" + etag},
        new String[] {"If-None-Match", "\"x\", " + etag}, new String[] {"If-None-Match", "*"},
        new String[] {"If-Modified-Since", lastModified()})) {
      HttpResponse<byte[]> r = get(h);
      assertThat(r.statusCode()).as(Arrays.toString(h)).isEqualTo(304);
      assertThat(r.body()).isEmpty();
      assertThat(header(r, "ETag")).isEqualTo(etag);
    }
    assertThat(get("If-None-Match", "\"x\"").statusCode()).isEqualTo(200);
    assertThat(get("If-Modified-Since", httpDate(Instant.parse("2001-01-01T00:00:00Z"))).statusCode()).isEqualTo(200);
    assertThat(get("If-None-Match", "\"x\"", "If-Modified-Since", lastModified()).statusCode())
        .as("If-None-Match wins over If-Modified-Since").isEqualTo(200);
    assertThat(send("HEAD", server.uri("/files/docs/hello.txt"), "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void ifMatchAndIfUnmodifiedSinceGive412(Store store) {
    start(store, false);
    String etag = etag();
    for (String[] h : List.of(new String[] {"If-Match", "\"other\""}, new String[] {"If-Match", "W/" + etag},
        new String[] {"If-Unmodified-Since", httpDate(Instant.parse("2001-01-01T00:00:00Z"))})) {
      HttpResponse<byte[]> r = get(h);
      assertThat(r.statusCode()).as(Arrays.toString(h)).isEqualTo(412);
      assertThat(header(r, "Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(get("If-Match", etag).statusCode()).isEqualTo(200);
    assertThat(get("If-Match", "*").statusCode()).isEqualTo(200);
    assertThat(get("If-Unmodified-Since", lastModified()).statusCode()).isEqualTo(200);
    assertRange(get("If-Match", etag, "Range", "bytes=1-2"), 1, 2);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void putStreamsIntoAnAtomicWriteWithPreconditions(Store store) {
    start(store, true);
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(big);
    HttpResponse<byte[]> put = send("PUT", server.uri("/files/up/big.bin"), HttpRequest.BodyPublishers.ofByteArray(big));
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(header(put, "ETag")).isNotNull();
    assertThat(op.readAllBytes("up/big.bin").block(TIMEOUT)).isEqualTo(big);
    assertThat(get().statusCode()).isEqualTo(200);

    byte[] one = "one".getBytes(StandardCharsets.UTF_8);
    byte[] two = "two".getBytes(StandardCharsets.UTF_8);
    assertThat(send("PUT", server.uri("/files/up/new.txt"), HttpRequest.BodyPublishers.ofByteArray(one),
        "If-None-Match", "*").statusCode()).isEqualTo(201);
    HttpResponse<byte[]> again = send("PUT", server.uri("/files/up/new.txt"), HttpRequest.BodyPublishers.ofByteArray(two),
        "If-None-Match", "*");
    assertThat(again.statusCode()).isEqualTo(412);
    assertThat(op.readAllBytes("up/new.txt").block(TIMEOUT)).isEqualTo(one);

    assertThat(send("PUT", server.uri("/files/up/new.txt"), HttpRequest.BodyPublishers.ofByteArray(two),
        "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
    assertThat(op.readAllBytes("up/new.txt").block(TIMEOUT)).isEqualTo(one);
    assertThat(send("PUT", server.uri("/files/up/missing.txt"), HttpRequest.BodyPublishers.ofByteArray(two),
        "If-Match", "*").statusCode()).isEqualTo(412);
    assertThat(op.exists("up/missing.txt").block(TIMEOUT)).isFalse();

    String etag = header(send("HEAD", server.uri("/files/up/new.txt")), "ETag");
    assertThat(send("PUT", server.uri("/files/up/new.txt"), HttpRequest.BodyPublishers.ofByteArray(two),
        "If-Match", etag).statusCode()).isEqualTo(200);
    assertThat(op.readAllBytes("up/new.txt").block(TIMEOUT)).isEqualTo(two);

    HttpResponse<byte[]> dirPut = send("PUT", server.uri("/files/up/"), HttpRequest.BodyPublishers.ofByteArray(two));
    assertThat(dirPut.statusCode()).isIn(400, 409);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void deleteRemovesAndMissingIsAProblemDetail(Store store) {
    start(store, true);
    assertThat(send("DELETE", server.uri("/files/docs/hello.txt"), "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
    assertThat(op.exists("docs/hello.txt").block(TIMEOUT)).isTrue();
    assertThat(send("DELETE", server.uri("/files/docs/hello.txt")).statusCode()).isEqualTo(204);
    assertThat(op.exists("docs/hello.txt").block(TIMEOUT)).isFalse();
    assertThat(send("DELETE", server.uri("/files/docs/hello.txt")).statusCode()).isEqualTo(204);

    HttpResponse<byte[]> r = get();
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(header(r, "Content-Type")).isEqualTo("application/problem+json");
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(body).contains("\"status\":404").contains("\"title\":\"Not Found\"")
        .contains("\"instance\":\"/files/docs/hello.txt\"")
        .doesNotContain("Exception").doesNotContain("at dev.").doesNotContain(dir.toString()).doesNotContain("backend");

    WebTestClient.bindToServer().baseUrl(server.uri("").toString()).responseTimeout(TIMEOUT).build()
        .get().uri("/files/docs/hello.txt").exchange()
        .expectStatus().isNotFound()
        .expectHeader().contentType("application/problem+json");
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void readOnlyUnlessWritable(Store store) {
    start(store, false);
    HttpResponse<byte[]> put = send("PUT", server.uri("/files/docs/hello.txt"), HttpRequest.BodyPublishers.ofString("x"));
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(header(put, "Allow")).isEqualTo("GET, HEAD");
    assertThat(send("DELETE", server.uri("/files/docs/hello.txt")).statusCode()).isEqualTo(405);
    assertThat(send("POST", server.uri("/files/docs/hello.txt"), HttpRequest.BodyPublishers.ofString("x")).statusCode())
        .isEqualTo(405);
    assertThat(op.readAllBytes("docs/hello.txt").block(TIMEOUT)).isEqualTo(DATA);
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void listingIsPaginatedJson(Store store) {
    start(store, false);
    for (int i = 0; i < 5; i++) {
      op.write("list/f" + i + ".txt", ("v" + i).getBytes(StandardCharsets.UTF_8)).block(TIMEOUT);
    }
    List<String> paths = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<byte[]> r = send("GET", server.uri("/files/list/?list&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(header(r, "Content-Type")).startsWith("application/json");
      String json = new String(r.body(), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("\"path\":\"([^\"]+)\"").matcher(json);
      while (m.find()) paths.add(m.group(1));
      Matcher n = Pattern.compile("\"next\":(null|\"([^\"]+)\")").matcher(json);
      assertThat(n.find()).as(json).isTrue();
      cursor = n.group(2);
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(paths).containsExactly("list/f0.txt", "list/f1.txt", "list/f2.txt", "list/f3.txt", "list/f4.txt");
    assertThat(pages).isEqualTo(3);

    String root = new String(send("GET", server.uri("/files/")).body(), StandardCharsets.UTF_8);
    assertThat(root).contains("\"path\":\"docs/\"").contains("\"directory\":true");
    String recursive = new String(send("GET", server.uri("/files/docs?list&recursive=true")).body(), StandardCharsets.UTF_8);
    assertThat(recursive).contains("\"path\":\"docs/hello.txt\"").contains("\"size\":1000");
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void badInputIsA400ProblemDetail(Store store) {
    start(store, false);
    for (String q : List.of("/files/list/?list&limit=0", "/files/list/?list&limit=abc", "/files/list/?list&limit=1001",
        "/files/list/?list&cursor=***")) {
      HttpResponse<byte[]> r = send("GET", server.uri(q));
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(header(r, "Content-Type")).isEqualTo("application/problem+json");
    }
    HttpResponse<byte[]> escape = send("GET", server.uri("/files/docs/%2E%2E/%2E%2E/%2E%2E/etc/passwd"));
    assertThat(escape.statusCode()).isIn(400, 403);
    assertThat(header(escape, "Content-Type")).isEqualTo("application/problem+json");
  }

  private static void assertRange(HttpResponse<byte[]> r, int first, int last) {
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(header(r, "Content-Range")).isEqualTo("bytes " + first + "-" + last + "/" + SIZE);
    assertThat(header(r, "Content-Length")).isEqualTo(Integer.toString(last - first + 1));
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(DATA, first, last + 1));
  }

  static String httpDate(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
  }

  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) ('a' + i % 26);
    return b;
  }
}
