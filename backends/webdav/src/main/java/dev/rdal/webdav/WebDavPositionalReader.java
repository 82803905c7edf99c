package dev.rdal.webdav;

import dev.rdal.ByteRange;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * Positional reads as ranged GETs, each pinned with If-Match to the ETag seen when the handle was opened (a
 * changed file is {@code CONDITION_NOT_MET}). The handle holds no connection between reads: the pool keeps
 * them warm.
 */
final class WebDavPositionalReader implements PositionalReader {

  private final WebDavReader reader;
  private final String path;
  private final ObjectMeta meta;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  WebDavPositionalReader(WebDavReader reader, String path, ObjectMeta meta, Runnable onClose) {
    this.reader = reader;
    this.path = path;
    this.meta = meta;
    this.onClose = onClose;
  }

  @Override
  public ObjectMeta meta() {
    return meta;
  }

  @Override
  public Mono<Integer> read(long position, ByteBuffer dst) {
    if (position < 0) {
      return Mono.error(RdalException.invalidInput("position must be >= 0, was " + position));
    }
    if (closed.get()) {
      return Mono.error(WebDavWriter.error(ErrorKind.UNEXPECTED, "the reader is closed", "positionalRead", path));
    }
    if (position >= meta.size()) {
      return Mono.just(-1);
    }
    if (!dst.hasRemaining()) {
      return Mono.just(0);
    }
    long n = Math.min(dst.remaining(), meta.size() - position);
    ReadRequest request = new ReadRequest(ByteRange.of(position, n), meta.etag(), null);
    return reader.read(path, request)
        .onErrorMap(e -> RdalException.isKind(e, ErrorKind.RANGE_NOT_SATISFIABLE),
            e -> RdalException.builder(ErrorKind.CONDITION_NOT_MET, "file shrank after it was opened; open it again")
                .cause(e).backend(WebDavErrors.BACKEND).operation("positionalRead").path(path).build())
        .flatMap(r -> r.body().reduce(0, (count, chunk) -> {
          int len = Math.min(chunk.remaining(), dst.remaining());
          ByteBuffer part = chunk.duplicate();
          part.limit(part.position() + len);
          dst.put(part);
          return count + len;
        }));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }
}
