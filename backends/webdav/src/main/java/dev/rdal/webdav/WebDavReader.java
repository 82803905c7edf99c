package dev.rdal.webdav;

import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads: one {@code GET} per read, with {@code Range} for anything but the whole object and
 * {@code If-Match}/{@code If-None-Match} when asked (the operator's resume pins its re-requests with
 * If-Match on the first answer's ETag).
 *
 * <ul>
 *   <li><b>206</b>: the served {@link ContentRange} is the answer's {@code Content-Range}.
 *   <li><b>200</b> to a whole-object read: {@code bytes 0-(n-1)/n} from {@code Content-Length}.
 *   <li><b>200</b> to a ranged read (a server that ignores {@code Range}): the range is served from
 *       {@code Content-Length} with HTTP's rules, and the body is cut on the client: the bytes before the range
 *       are dropped and the connection is closed after its last byte.
 *   <li><b>416</b>: {@code RANGE_NOT_SATISFIABLE}, with the size from {@code Content-Range: bytes *}{@code /n}
 *       when given; the operator's retry-with-stat does the rest.
 *   <li><b>304/412</b>: {@code CONDITION_NOT_MET}. <b>404/410/409</b>: {@code NOT_FOUND}. A redirect, 403 or 405
 *       is looked into with a PROPFIND: a directory is {@code IS_A_DIRECTORY}.
 *   <li>Empty ranges, which HTTP cannot ask for, are answered from a PROPFIND.
 * </ul>
 *
 * <p><b>Buffers.</b> Each {@link ByteBuf} the connection receives is copied into a fresh heap
 * {@link ByteBuffer} of its size inside {@code onNext}, and Reactor Netty releases the {@code ByteBuf} when
 * that {@code onNext} returns: released exactly once, never handed out. The emitted buffers are the
 * subscriber's to keep and may cross threads.
 *
 * <p><b>Connections.</b> A body holds its connection until it completes (the connection goes back to the
 * pool), fails, or is cancelled or discarded (the connection is closed, since unread bytes are in flight). A body
 * never subscribed nor discarded holds it until the backend closes, which discards it.
 */
final class WebDavReader {

  private final WebDavClient client;
  private final WebDavPaths paths;
  private final WebDavStat stat;
  private final AtomicLong openBodies = new AtomicLong();
  private final AtomicLong gets = new AtomicLong();
  private final java.util.concurrent.ConcurrentHashMap<Object, Flux<ByteBuffer>> unsubscribed =
      new java.util.concurrent.ConcurrentHashMap<>();

  WebDavReader(WebDavClient client, WebDavPaths paths, WebDavStat stat) {
    this.client = client;
    this.paths = paths;
    this.stat = stat;
  }

  /** Bodies whose answer arrived and that have not ended yet, each holding a connection. */
  long openBodies() {
    return openBodies.get();
  }

  /** GET requests sent so far. */
  long gets() {
    return gets.get();
  }

  Mono<ReadResult> read(String path, ReadRequest request) {
    ByteRange range = request.range();
    String rangeHeader = range.toHttpHeader();
    if (rangeHeader == null && !range.isAll()) {
      return emptyRange(path, request);
    }
    return Mono.defer(() -> {
          gets.incrementAndGet();
          return client.open(paths.url(path), h -> {
            if (rangeHeader != null) h.set(HttpHeaderNames.RANGE, rangeHeader);
            if (request.ifMatch() != null) h.set(HttpHeaderNames.IF_MATCH, request.ifMatch());
            if (request.ifNoneMatch() != null) h.set(HttpHeaderNames.IF_NONE_MATCH, request.ifNoneMatch());
          });
        })
        .onErrorMap(e -> WebDavErrors.map(e, "read", path))
        .flatMap(o -> answer(path, range, o));
  }

  private Mono<ReadResult> emptyRange(String path, ReadRequest request) {
    return stat.stat(path, "read").flatMap(m -> {
      if (m.directory()) {
        return Mono.error(isADirectory(path));
      }
      if (request.ifMatch() != null && !request.ifMatch().equals(m.etag())
          || request.ifNoneMatch() != null && request.ifNoneMatch().equals(m.etag())) {
        return Mono.error(WebDavErrors.status(412, "GET", "read", path));
      }
      return Mono.just(new ReadResult(m, Ranges.serve(request.range(), m.size()), Flux.<ByteBuffer>empty()));
    });
  }

  private Mono<ReadResult> answer(String path, ByteRange range, WebDavClient.Opened o) {
    int status = o.status();
    if (status == 200 || status == 206) {
      try {
        return Mono.just(result(path, range, o));
      } catch (RdalException e) {
        o.connection().dispose();
        return Mono.error(e.withContext(WebDavErrors.BACKEND, "read", path));
      }
    }
    o.connection().dispose();
    switch (status) {
      case 416:
        return Mono.error(notSatisfiable(path, range, o.headers()));
      case 301: case 302: case 307: case 308: case 403: case 405:
        return stat.find(path, "read").flatMap(found -> Mono.error(found.isPresent() && found.get().directory()
            ? isADirectory(path)
            : WebDavErrors.status(status, "GET", "read", path)));
      default:
        return Mono.error(WebDavErrors.status(status, "GET", "read", path));
    }
  }

  private static RdalException isADirectory(String path) {
    return RdalException.builder(ErrorKind.IS_A_DIRECTORY, "path is a directory")
        .backend(WebDavErrors.BACKEND).operation("read").path(path).build();
  }

  private static RdalException notSatisfiable(String path, ByteRange range, HttpHeaders headers) {
    RdalException.Builder b = WebDavErrors.status(416, "GET", "read", path).toBuilder().range(range);
    String cr = headers.get(HttpHeaderNames.CONTENT_RANGE);
    if (cr != null) {
      try {
        ContentRange c = ContentRange.parse(cr);
        if (c.isSizeKnown()) b.objectSize(c.size());
      } catch (RdalException ignored) {
        // no size: the operator stats the object
      }
    }
    return b.build();
  }

  private ReadResult result(String path, ByteRange range, WebDavClient.Opened o) {
    HttpHeaders h = o.headers();
    ContentRange served;
    long skip = 0;
    if (o.status() == 206) {
      served = served206(range, h);
    } else {
      long length = contentLength(h);
      if (range.isAll()) {
        served = ContentRange.whole(length);
      } else {
        served = Ranges.serve(range, length); // the server ignored Range: cut on this side
        skip = served.first();
      }
    }
    long size = served.isSizeKnown() ? served.size() : served.length();
    String etag = h.get(HttpHeaderNames.ETAG);
    ObjectMeta meta = new ObjectMeta(Paths.asFile(path), false, size,
        Multistatus.parseDate(h.get(HttpHeaderNames.LAST_MODIFIED, "")), etag, h.get(HttpHeaderNames.CONTENT_TYPE), Map.of());
    return new ReadResult(meta, served, body(path, o, skip, served.length(), o.status() == 200 && !range.isAll()));
  }

  /**
   * The Content-Range of a 206. Go's file server (rclone) answers a suffix range of an empty file with 206 and
   * {@code bytes 0--1/0}: a malformed range over a stated size of 0 with an empty body is taken as what it
   * means, nothing of the range exists.
   */
  private static ContentRange served206(ByteRange range, HttpHeaders h) {
    String header = h.get(HttpHeaderNames.CONTENT_RANGE);
    try {
      return ContentRange.parse(header);
    } catch (RdalException e) {
      if (header != null && header.trim().endsWith("/0") && "0".equals(h.get(HttpHeaderNames.CONTENT_LENGTH))) {
        throw Ranges.notSatisfiable(range, 0);
      }
      throw e;
    }
  }

  private static long contentLength(HttpHeaders h) {
    String v = h.get(HttpHeaderNames.CONTENT_LENGTH);
    try {
      long n = v == null ? -1 : Long.parseLong(v.trim());
      if (n >= 0) return n;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw RdalException.builder(ErrorKind.UNEXPECTED,
        "server answered GET with 200 but no valid Content-Length, so the object's size is unknown").build();
  }

  /**
   * The body: copied chunks, cut to {@code [skip, skip + length)} of the stream when {@code cut}; the
   * connection is closed on cancel and once a cut body has its last byte.
   */
  private Flux<ByteBuffer> body(String path, WebDavClient.Opened o, long skip, long length, boolean cut) {
    openBodies.incrementAndGet();
    AtomicBoolean ended = new AtomicBoolean();
    Flux<ByteBuffer> copies = o.connection().inbound().receive().map(WebDavReader::copy)
        .doOnCancel(() -> o.connection().dispose());
    Flux<ByteBuffer> shaped = cut ? cut(copies, skip, length) : copies;
    Flux<ByteBuffer> body = shaped
        .onErrorMap(e -> WebDavErrors.map(e, "read", path))
        .doFinally(signal -> {
          if (ended.compareAndSet(false, true)) openBodies.decrementAndGet();
        });
    // A body nobody subscribes to keeps the buffers Netty already received; it is discarded at close at the latest.
    Object key = new Object();
    unsubscribed.put(key, body);
    return body.doOnSubscribe(s -> unsubscribed.remove(key));
  }

  /**
   * Discards the bodies handed out and never subscribed (their callers neither read nor discarded them), so the
   * buffers Netty received for them are released and their connections closed. Called when the backend closes.
   */
  void discardUnsubscribed() {
    for (Object key : unsubscribed.keySet()) {
      Flux<ByteBuffer> body = unsubscribed.remove(key);
      if (body != null) {
        body.subscribe(new reactor.core.publisher.BaseSubscriber<ByteBuffer>() {
          @Override
          protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
            subscription.cancel(); // releases what Netty queued and closes the connection
          }
        });
      }
    }
  }

  /** A copy of a received buffer's readable bytes; the buffer itself is released by Reactor Netty. */
  static ByteBuffer copy(ByteBuf buf) {
    ByteBuffer b = ByteBuffer.allocate(buf.readableBytes());
    buf.getBytes(buf.readerIndex(), b);
    b.flip();
    return b;
  }

  /** Bytes {@code [skip, skip + length)} of a stream of owned buffers; cancels the rest. */
  static Flux<ByteBuffer> cut(Flux<ByteBuffer> in, long skip, long length) {
    long end = skip + length;
    return Flux.defer(() -> {
      long[] pos = {0};
      return in.<ByteBuffer>handle((b, sink) -> {
        long start = pos[0];
        long stop = start + b.remaining();
        pos[0] = stop;
        long from = Math.max(start, skip);
        long to = Math.min(stop, end);
        if (from < to) {
          ByteBuffer part = b.duplicate();
          part.position(b.position() + (int) (from - start));
          part.limit(b.position() + (int) (to - start));
          sink.next(part.slice());
        }
        if (stop >= end) {
          sink.complete();
        }
      });
    });
  }
}
