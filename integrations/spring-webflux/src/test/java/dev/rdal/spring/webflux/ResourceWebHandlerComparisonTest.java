package dev.rdal.spring.webflux;

import static dev.rdal.spring.webflux.Http.header;
import static dev.rdal.spring.webflux.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.ResourceWebHandler;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The same range and conditional requests sent to rdal's endpoint and to Spring's own
 * {@link ResourceWebHandler}, both serving the same 1,000-byte file on a real server: rdal's answers are
 * asserted, and the two are printed side by side (and written to
 * {@code target/rdal-vs-resourcewebhandler.md}, the table of the module's README).
 */
class ResourceWebHandlerComparisonTest {

  private static final byte[] DATA = ObjectEndpointTest.pattern(1000);
  private static final Duration INCOMPLETE_AFTER = Duration.ofSeconds(10);
  private static final PathPattern PATTERN = PathPatternParser.defaultInstance.parse("/files/**");

  @TempDir
  Path dir;

  private Operator op;
  private EndpointServer rdal;
  private EndpointServer spring;

  @AfterEach
  void close() {
    if (rdal != null) rdal.close();
    if (spring != null) spring.close();
    if (op != null) op.close();
  }

  /** One request: its name, its headers (given the server's own ETag and Last-Modified), rdal's expected answer. */
  private static final class Case {
    final String name;
    final String method;
    final Function<String[], String[]> headers;
    final String expected;

    Case(String name, String method, Function<String[], String[]> headers, String expected) {
      this.name = name;
      this.method = method;
      this.headers = headers;
      this.expected = expected;
    }
  }

  private static List<Case> cases() {
    String old = ObjectEndpointTest.httpDate(Instant.parse("2001-01-01T00:00:00Z"));
    List<Case> c = new ArrayList<>();
    c.add(new Case("GET", "GET", v -> new String[0], "200"));
    c.add(new Case("HEAD", "HEAD", v -> new String[0], "200"));
    c.add(new Case("Range: bytes=10-19", "GET", v -> h("Range", "bytes=10-19"), "206 bytes 10-19/1000"));
    c.add(new Case("Range: bytes=-10", "GET", v -> h("Range", "bytes=-10"), "206 bytes 990-999/1000"));
    c.add(new Case("Range: bytes=990-5000", "GET", v -> h("Range", "bytes=990-5000"), "206 bytes 990-999/1000"));
    c.add(new Case("Range: bytes=2000-5000", "GET", v -> h("Range", "bytes=2000-5000"), "416 bytes */1000"));
    c.add(new Case("Range: bytes=0-9,20-29", "GET", v -> h("Range", "bytes=0-9,20-29"), "206 bytes 0-29/1000"));
    c.add(new Case("Range: bytes=abc (malformed)", "GET", v -> h("Range", "bytes=abc"), "200"));
    c.add(new Case("Range: bytes=5-2 (malformed)", "GET", v -> h("Range", "bytes=5-2"), "200"));
    c.add(new Case("Range: items=0-1 (other unit)", "GET", v -> h("Range", "items=0-1"), "200"));
    c.add(new Case("If-Range: current ETag + Range", "GET", v -> h("Range", "bytes=10-19", "If-Range", v[0]), "206 bytes 10-19/1000"));
    c.add(new Case("If-Range: stale ETag + Range", "GET", v -> h("Range", "bytes=10-19", "If-Range", "\"stale\""), "200"));
    c.add(new Case("If-Range: Last-Modified + Range", "GET", v -> h("Range", "bytes=10-19", "If-Range", v[1]), "206 bytes 10-19/1000"));
    c.add(new Case("If-Range: older date + Range", "GET", v -> h("Range", "bytes=10-19", "If-Range", old), "200"));
    c.add(new Case("If-None-Match: current ETag", "GET", v -> h("If-None-Match", v[0]), "304"));
    c.add(new Case("If-None-Match: W/current ETag", "GET", v -> h("If-None-Match", "W/" + v[0]), "304"));
    c.add(new Case("If-None-Match: *", "GET", v -> h("If-None-Match", "*"), "304"));
    c.add(new Case("If-Modified-Since: Last-Modified", "GET", v -> h("If-Modified-Since", v[1]), "304"));
    c.add(new Case("If-Match: stale ETag", "GET", v -> h("If-Match", "\"stale\""), "412"));
    c.add(new Case("If-Unmodified-Since: older date", "GET", v -> h("If-Unmodified-Since", old), "412"));
    return c;
  }

  private static String[] h(String... pairs) {
    return pairs;
  }

  @Test
  void sameRequestsToBoth() throws IOException {
    Files.write(dir.resolve("cmp.txt"), DATA);
    op = Operator.builder("fs").config("root", dir.toString()).build();
    rdal = EndpointServer.of(ObjectEndpoint.builder(op).basePath("/files").build().routes());
    spring = new EndpointServer(resourceHandler(dir));

    String[] rdalValidators = validators(rdal);
    String[] springValidators = validators(spring);
    StringBuilder table = new StringBuilder()
        .append("| request | rdal | ResourceWebHandler |\n|---|---|---|\n");
    List<String> differences = new ArrayList<>();
    for (Case c : cases()) {
      String ours = answer(rdal, c, rdalValidators);
      String theirs = answer(spring, c, springValidators);
      assertThat(ours).as(c.name).isEqualTo(c.expected);
      table.append("| `").append(c.name).append("` | ").append(ours).append(" | ").append(theirs)
          .append(ours.equals(theirs) ? "" : " **(differs)**").append(" |\n");
      if (!ours.equals(theirs)) {
        differences.add(c.name + ": rdal " + ours + ", ResourceWebHandler " + theirs);
      }
    }
    table.append("\nETag sent: rdal ").append(rdalValidators[0] != null ? "yes" : "no")
        .append(", ResourceWebHandler ").append(springValidators[0] != null ? "yes" : "no").append('\n');
    System.out.println("rdal vs ResourceWebHandler, " + differences.size() + " differences:");
    differences.forEach(d -> System.out.println("  " + d));
    System.out.println(table);
    Path out = Path.of("target", "rdal-vs-resourcewebhandler.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
  }

  /** The server's ETag (or, when it sends none, a made-up one) and Last-Modified of the file. */
  private static String[] validators(EndpointServer server) {
    HttpResponse<byte[]> r = send("GET", server.uri("/files/cmp.txt"));
    assertThat(r.statusCode()).isEqualTo(200);
    String etag = header(r, "ETag");
    return new String[] {etag == null ? "\"none-sent\"" : etag, header(r, "Last-Modified")};
  }

  private static String answer(EndpointServer server, Case c, String[] validators) {
    HttpResponse<byte[]> r;
    try {
      // A server that announces more bytes than it sends never completes its answer: that is the answer.
      r = Http.send(INCOMPLETE_AFTER, c.method, server.uri("/files/cmp.txt"), HttpRequest.BodyPublishers.noBody(),
          c.headers.apply(validators));
    } catch (UncheckedIOException e) {
      return "no complete answer: " + e.getCause().getMessage();
    }
    String cr = header(r, "Content-Range");
    String answer = r.statusCode() + (cr == null ? "" : " " + cr);
    if (r.statusCode() == 200 && "GET".equals(c.method) && r.body().length != DATA.length) {
      answer += " (" + r.body().length + " bytes)";
    }
    if (r.statusCode() == 206 && cr == null) {
      answer += " " + header(r, "Content-Type");
    }
    return answer;
  }

  /** Spring's resource handler serving {@code root} below {@code /files/}, as a resource handler mapping would. */
  private static HttpHandler resourceHandler(Path root) {
    ResourceWebHandler handler = new ResourceWebHandler();
    handler.setLocations(List.of(new FileSystemResource(root.toString() + "/")));
    try {
      handler.afterPropertiesSet();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    WebHandler mapped = exchange -> {
      String path = exchange.getRequest().getPath().pathWithinApplication().value();
      exchange.getAttributes().put(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE,
          PathContainer.parsePath(path.substring("/files/".length())));
      exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN);
      return handler.handle(exchange);
    };
    return WebHttpHandlerBuilder.webHandler(mapped).build();
  }
}
