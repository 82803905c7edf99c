package dev.rdal.webdav;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.util.retry.Retry;

/**
 * The backend's HTTP client: one Reactor Netty {@link HttpClient} over a connection pool and event loops that
 * belong to this backend and are disposed with it.
 *
 * <p><b>Pool.</b> {@code max_connections} connections per server address; a request waits at most
 * {@code pending_acquire_timeout} for one; connections idle for {@code max_idle_time} or older than
 * {@code max_life_time} are closed. With a Micrometer registry, the pool's gauges are published there (see
 * {@link PoolMeters}).
 *
 * <p><b>Threads.</b> Requests are written and answers arrive on the event loops {@code reactor-webdav-<n>-*}
 * ({@code io_threads} of them). Nothing here blocks; nothing here hands user code to those threads, the
 * operator's execution layer does the hand-off.
 *
 * <p><b>Buffers.</b> Answers small enough to gather (multistatus documents) are copied into a byte array
 * chunk by chunk, each received {@link ByteBuf} released by Reactor Netty after the copy; bodies of reads are
 * handled by {@link WebDavReader}. Request bodies are handed to Netty, which releases them once written.
 *
 * <p><b>Credentials</b> go in the {@code Authorization} header of every request and nowhere else: no wiretap,
 * no logging of headers, and {@link #toString()} names the endpoint only.
 */
final class WebDavClient {

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  /** Method token of PROPFIND. */
  static final HttpMethod PROPFIND = HttpMethod.valueOf("PROPFIND");
  static final HttpMethod MKCOL = HttpMethod.valueOf("MKCOL");
  static final HttpMethod MOVE = HttpMethod.valueOf("MOVE");
  static final HttpMethod COPY = HttpMethod.valueOf("COPY");

  private static final byte[] PROPFIND_BODY = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
      + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:getcontentlength/><D:getlastmodified/>"
      + "<D:getetag/><D:getcontenttype/></D:prop></D:propfind>").getBytes(StandardCharsets.UTF_8);

  private final WebDavSettings settings;
  private final String authorization;
  private final String poolName;
  private final ConnectionProvider pool;
  private final LoopResources loops;
  private final HttpClient http;

  WebDavClient(WebDavSettings settings, PoolMeters meters) {
    this.settings = settings;
    this.authorization = settings.authorization();
    int n = INSTANCES.incrementAndGet();
    this.poolName = "rdal-webdav-" + n;
    ConnectionProvider.Builder pb = ConnectionProvider.builder(poolName)
        .maxConnections(settings.maxConnections())
        .pendingAcquireTimeout(settings.pendingAcquireTimeout())
        .maxIdleTime(settings.maxIdleTime());
    if (settings.maxLifeTime() != null) {
      pb.maxLifeTime(settings.maxLifeTime());
    }
    if (meters != null) {
      pb.metrics(true, () -> meters);
    }
    this.pool = pb.build();
    this.loops = LoopResources.create("reactor-webdav-" + n, 1, settings.ioThreads(), true);
    HttpClient c = HttpClient.create(pool)
        .runOn(loops)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .responseTimeout(settings.responseTimeout())
        .followRedirect(false)
        .compress(false);
    if ("https".equals(settings.endpoint().getScheme())) {
      c = c.secure();
    }
    this.http = c;
  }

  /** The pool's name, the {@code name} tag of its meters. */
  String poolName() {
    return poolName;
  }

  /** An answer whose body (a multistatus document only) was gathered; other bodies were drained unread. */
  record Answer(int status, HttpHeaders headers, byte[] body) {}

  /** A response whose body is still on the wire; its connection is held until the body ends or is disposed. */
  record Opened(HttpClientResponse response, Connection connection) {
    int status() {
      return response.status().code();
    }

    HttpHeaders headers() {
      return response.responseHeaders();
    }
  }

  private HttpClient client(Consumer<HttpHeaders> headers) {
    return http.headers(h -> {
      if (authorization != null) {
        h.set(HttpHeaderNames.AUTHORIZATION, authorization);
      }
      headers.accept(h);
    });
  }

  /**
   * Sends a request and gathers the answer: a 207 body is copied up to {@code max_multistatus_bytes} (more
   * fails permanent UNEXPECTED and closes the connection); any other body is drained and dropped.
   *
   * @param body the request body, or null for none; its buffers are released by Netty
   */
  Mono<Answer> exchange(HttpMethod method, String url, Consumer<HttpHeaders> headers, Publisher<? extends ByteBuf> body) {
    HttpClient.RequestSender sender = client(headers).request(method).uri(url);
    HttpClient.ResponseReceiver<?> receiver = body == null ? sender : sender.send(body);
    long max = settings.maxMultistatusBytes();
    Mono<Answer> once = receiver.response((resp, in) -> {
      int status = resp.status().code();
      if (status != 207) {
        return in.then(Mono.just(new Answer(status, resp.responseHeaders(), new byte[0])));
      }
      return in.asByteArray()
          .reduceWith(() -> new Gathered(max), Gathered::add)
          .map(g -> new Answer(status, resp.responseHeaders(), g.bytes()));
    }).next();
    if (body != null) {
      return once; // a body may be readable once only
    }
    // 423 Locked: x/net/webdav servers (rclone) lock a path for the length of each writing request, so
    // concurrent MKCOL/MOVE/DELETE of one path collide; the lock ends with that request.
    Answer[] last = new Answer[1];
    return once
        .flatMap(a -> {
          last[0] = a;
          return a.status() == 423 ? Mono.<Answer>error(new Locked()) : Mono.just(a);
        })
        .retryWhen(Retry.backoff(LOCKED_RETRIES, LOCKED_BACKOFF).maxBackoff(LOCKED_MAX_BACKOFF)
            .filter(e -> e instanceof Locked)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
        .onErrorResume(Locked.class, e -> Mono.just(last[0]));
  }

  /** Retries of a request answered 423 Locked before the answer is taken as it is. */
  static final int LOCKED_RETRIES = 8;
  static final Duration LOCKED_BACKOFF = Duration.ofMillis(5);
  static final Duration LOCKED_MAX_BACKOFF = Duration.ofMillis(200);

  /** Marks a 423 answer for the retry; carries no stack. */
  private static final class Locked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Locked() {
      super("locked", null, false, false);
    }
  }

  /** PROPFIND with the given depth ("0" or "1"), asking for the properties the backend reads. */
  Mono<Answer> propfind(String url, String depth) {
    return exchange(PROPFIND, url, h -> h.set("Depth", depth)
            .set(HttpHeaderNames.CONTENT_TYPE, "application/xml; charset=utf-8")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, PROPFIND_BODY.length),
        Mono.fromSupplier(() -> Unpooled.wrappedBuffer(PROPFIND_BODY)));
  }

  /**
   * Sends a GET and emits the response as soon as its headers arrive; the caller owns the connection from
   * then on and must consume the body or dispose the connection.
   */
  Mono<Opened> open(String url, Consumer<HttpHeaders> headers) {
    return client(headers).get().uri(url)
        .responseConnection((resp, conn) -> Mono.just(new Opened(resp, conn)))
        .next();
  }

  /** Disposes the pool, then the event loops; completes once their threads stopped. */
  Mono<Void> close() {
    return pool.disposeLater()
        .then(loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)));
  }

  @Override
  public String toString() {
    return "WebDavClient{" + settings.endpoint() + ", pool=" + poolName + "}";
  }

  /** The bytes of a multistatus answer, bounded. */
  private static final class Gathered {
    private final long max;
    private byte[] buf = new byte[8192];
    private int size;

    Gathered(long max) {
      this.max = max;
    }

    Gathered add(byte[] chunk) {
      if (size + (long) chunk.length > max) {
        throw RdalException.builder(ErrorKind.UNEXPECTED, "multistatus answer is larger than max_multistatus_bytes ("
            + max + " bytes); raise it for directories this large").build();
      }
      if (size + chunk.length > buf.length) {
        buf = java.util.Arrays.copyOf(buf, (int) Math.min(max, Math.max((long) buf.length * 2, size + (long) chunk.length)));
      }
      System.arraycopy(chunk, 0, buf, size, chunk.length);
      size += chunk.length;
      return this;
    }

    byte[] bytes() {
      return java.util.Arrays.copyOf(buf, size);
    }
  }
}
