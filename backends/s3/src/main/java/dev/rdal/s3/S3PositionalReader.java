package dev.rdal.s3;

import dev.rdal.ByteRange;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import reactor.core.publisher.Mono;

/**
 * Positional reads of one object: each call is one ranged GET pinned with If-Match to the ETag seen at
 * opening, so every read sees the same version ({@code CONDITION_NOT_MET} once the object changed). Holds
 * no connection between calls (the client's pool keeps connections warm), so {@link #close()} has nothing
 * to release. Concurrent reads at different positions are independent requests.
 */
final class S3PositionalReader implements PositionalReader {

  private final S3Backend backend;
  private final String path;
  private final ObjectMeta meta;
  private final Runnable onClose;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  S3PositionalReader(S3Backend backend, String path, ObjectMeta meta, Runnable onClose) {
    this.backend = backend;
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
    if (position >= meta.size()) {
      return Mono.just(-1);
    }
    if (!dst.hasRemaining()) {
      return Mono.just(0);
    }
    long n = Math.min(dst.remaining(), meta.size() - position);
    ReadRequest request = new ReadRequest(ByteRange.of(position, n), meta.etag(), null);
    return backend.read(path, request)
        .onErrorMap(e -> RdalException.isKind(e, ErrorKind.RANGE_NOT_SATISFIABLE),
            e -> RdalException.builder(ErrorKind.CONDITION_NOT_MET, "object shrank after it was opened; open it again")
                .cause(e).backend("s3").operation("positionalRead").path(path).build())
        .flatMap(r -> r.body()
            .reduce(0, (count, chunk) -> {
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
