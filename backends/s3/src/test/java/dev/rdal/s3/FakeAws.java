package dev.rdal.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A loopback stand-in for AWS S3 that answers with canned responses exactly as AWS documents them
 * (status, headers, XML bodies, errors inside 200 answers) and records every request, so the real SDK
 * client can be driven through rdal's s3 backend into the answers S3Proxy never gives.
 *
 * <p>Routes match a method, a path (path-style: {@code /bucket/key}, decoded) and optionally query
 * parameters; the first route added that matches answers. A route's answers are served in order, the last
 * one repeating. A request no route matches is answered {@code 501 NotImplemented} naming it, so a missing
 * route fails the test loudly. Handler threads are plain threads of this server.
 */
final class FakeAws implements AutoCloseable {

  static final String BUCKET = "fake-bucket";
  static final String XML = "application/xml";

  /** One recorded request. */
  record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
      byte[] body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }

    boolean has(String parameter) {
      return query.containsKey(parameter);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : " " + query);
    }
  }

  /** One canned answer. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    static Response of(int status, String contentType, String body) {
      Map<String, String> h = new LinkedHashMap<>();
      if (contentType != null) h.put("Content-Type", contentType);
      return new Response(status, h, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /** An AWS error document with this status and code. */
    static Response error(int status, String code, String message) {
      return of(status, XML, errorXml(code, message));
    }

    /** An answer without a body (HEAD answers, 204s). */
    static Response empty(int status) {
      return new Response(status, new LinkedHashMap<>(), new byte[0]);
    }

    /** This answer with one more header. */
    Response with(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, h, body);
    }
  }

  /** An AWS error document. */
  static String errorXml(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
        + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>fake-host-id</HostId></Error>";
  }

  /**
   * A ListObjectsV2 answer over {@code keys} as AWS gives it: keys in UTF-8 byte order, filtered by the
   * request's prefix and start-after, grouped by its delimiter, and URL-encoded (with an
   * {@code EncodingType} element) when it asked for {@code encoding-type=url}. One page, not truncated.
   */
  static Response listObjectsV2(Request req, java.util.Collection<String> keys) {
    String prefix = req.query().getOrDefault("prefix", "");
    String delimiter = req.query().get("delimiter");
    String startAfter = req.query().get("start-after");
    boolean url = "url".equals(req.query().get("encoding-type"));
    java.util.function.UnaryOperator<String> enc = k -> url ? java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)
        : k.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    java.util.TreeSet<String> contents = new java.util.TreeSet<>(dev.rdal.PathOrder.UTF8);
    java.util.TreeSet<String> prefixes = new java.util.TreeSet<>(dev.rdal.PathOrder.UTF8);
    for (String k : keys) {
      if (!k.startsWith(prefix) || (startAfter != null && dev.rdal.PathOrder.compare(k, startAfter) <= 0)) continue;
      int d = delimiter == null ? -1 : k.indexOf(delimiter, prefix.length());
      if (d >= 0) prefixes.add(k.substring(0, d + delimiter.length()));
      else contents.add(k);
    }
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET + "</Name>");
    x.append("<Prefix>").append(enc.apply(prefix)).append("</Prefix>");
    if (startAfter != null) x.append("<StartAfter>").append(enc.apply(startAfter)).append("</StartAfter>");
    x.append("<KeyCount>").append(contents.size() + prefixes.size()).append("</KeyCount><MaxKeys>1000</MaxKeys>");
    if (delimiter != null) x.append("<Delimiter>").append(enc.apply(delimiter)).append("</Delimiter>");
    if (url) x.append("<EncodingType>url</EncodingType>");
    x.append("<IsTruncated>false</IsTruncated>");
    for (String k : contents) {
      x.append("<Contents><Key>").append(enc.apply(k)).append("</Key><LastModified>2026-01-02T03:04:05.000Z"
          + "</LastModified><ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>1</Size>"
          + "<StorageClass>STANDARD</StorageClass></Contents>");
    }
    for (String p : prefixes) {
      x.append("<CommonPrefixes><Prefix>").append(enc.apply(p)).append("</Prefix></CommonPrefixes>");
    }
    x.append("</ListBucketResult>");
    return Response.of(200, XML, x.toString());
  }

  /** A route: what it matches and the answers it gives in turn. */
  final class Route {
    private final String method;
    private final Predicate<String> path;
    private final List<Predicate<Map<String, String>>> query = new ArrayList<>();
    private final List<Function<Request, Response>> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger hits = new AtomicInteger();

    private Route(String method, Predicate<String> path) {
      this.method = method;
      this.path = path;
    }

    /** Also requires the query parameter {@code name} (with any value). */
    Route withParam(String name) {
      query.add(q -> q.containsKey(name));
      return this;
    }

    /** Also requires the query parameter {@code name} with this value. */
    Route withParam(String name, String value) {
      query.add(q -> value.equals(q.get(name)));
      return this;
    }

    /** Also requires the query parameter {@code name} to be absent. */
    Route withoutParam(String name) {
      query.add(q -> !q.containsKey(name));
      return this;
    }

    /** The answers, in order; the last repeats. */
    Route reply(Response... responses) {
      for (Response r : responses) answers.add(req -> r);
      return this;
    }

    /** An answer computed from the request (as AWS would), after the answers added before. */
    Route answer(Function<Request, Response> f) {
      answers.add(f);
      return this;
    }

    /** How many requests this route answered. */
    int hits() {
      return hits.get();
    }

    boolean matches(String m, String p, Map<String, String> q) {
      return method.equals(m) && path.test(p) && query.stream().allMatch(t -> t.test(q));
    }

    Response next(Request req) {
      int i = hits.getAndIncrement();
      return answers.get(Math.min(i, answers.size() - 1)).apply(req);
    }
  }

  private final HttpServer server;
  private final ExecutorService handlers;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeAws() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    handlers = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "fake-aws");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Config for a backend on {@link #BUCKET} through this server (static keys, path style, us-east-1). */
  Map<String, String> config() {
    Map<String, String> c = S3TestServer.config(BUCKET, endpoint());
    c.remove("page_size");
    return c;
  }

  /** A route for {@code method} on exactly this (decoded) path, e.g. {@code /fake-bucket/a/b}. */
  Route on(String method, String path) {
    Route r = new Route(method, path::equals);
    routes.add(r);
    return r;
  }

  /** A route for {@code method} on the key {@code key} of {@link #BUCKET}. */
  Route onKey(String method, String key) {
    return on(method, "/" + BUCKET + "/" + key);
  }

  /** A route for {@code method} on the bucket itself (listings, DeleteObjects). */
  Route onBucket(String method) {
    return on(method, "/" + BUCKET);
  }

  /** A route for {@code method} on any path. */
  Route onAny(String method) {
    Route r = new Route(method, p -> true);
    routes.add(r);
    return r;
  }

  /** Every request so far, in arrival order. */
  List<Request> requests() {
    return Collections.unmodifiableList(new ArrayList<>(requests));
  }

  /** The requests with this method so far. */
  List<Request> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
      Request req = new Request(method, path, query, headers, body);
      requests.add(req);
      Response answer = routes.stream().filter(r -> r.matches(method, path, query)).findFirst()
          .map(r -> r.next(req))
          .orElseGet(() -> Response.error(501, "NotImplemented", "no canned answer for " + method + " " + path + " " + query));
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.getResponseHeaders().set("x-amz-request-id", "4442587FB7D0A2F9");
      boolean noBody = "HEAD".equals(method) || answer.body().length == 0;
      if (noBody && !answer.headers().containsKey("Content-Length")) {
        exchange.getResponseHeaders().set("Content-Length", "0");
      }
      exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      }
    }
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return q;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    try {
      handlers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
