package dev.rdal.layers;

import dev.rdal.ByteRange;
import dev.rdal.DeleteResult;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.ReadRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A backend that reports the start and the end of every operation to an {@link Observation}: the
 * plumbing shared by the metrics and the logging layers. An operation ends exactly once, as a success,
 * an error or a cancel; a read ends when its body completes, fails or is cancelled (or when opening it
 * fails), so its duration covers the whole transfer. Signals, threads and backpressure pass through
 * unchanged.
 */
abstract class ObservingBackend extends ForwardingBackend {

  /** How an operation ended. */
  enum Outcome {
    SUCCESS, ERROR, CANCELLED;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One operation under observation; {@link #end} acts once, later calls are ignored. */
  abstract static class Observation {
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong bytes = new AtomicLong();

    /** Bytes read so far (reads) or written (writes, set when the write succeeds). */
    final long bytes() {
      return bytes.get();
    }

    final void addBytes(long n) {
      bytes.addAndGet(n);
    }

    final void end(Outcome outcome, Throwable error) {
      if (ended.compareAndSet(false, true)) {
        ended(outcome, error);
      }
    }

    /** Called once when the operation ends; {@code error} is null unless the outcome is an error. */
    protected abstract void ended(Outcome outcome, Throwable error);
  }

  ObservingBackend(Backend inner) {
    super(inner);
  }

  /** Starts observing one operation; {@code path} and {@code range} may be null. */
  abstract Observation begin(String operation, String path, ByteRange range);

  private <T> Mono<T> observe(String op, String path, Supplier<Mono<T>> call) {
    return Mono.defer(() -> {
      Observation o = begin(op, path, null);
      return start(call)
          .doOnSuccess(v -> o.end(Outcome.SUCCESS, null))
          .doOnError(e -> o.end(Outcome.ERROR, e))
          .doOnCancel(() -> o.end(Outcome.CANCELLED, null));
    });
  }

  private <T> Flux<T> observeMany(String op, String path, Supplier<Flux<T>> call) {
    return Flux.defer(() -> {
      Observation o = begin(op, path, null);
      Flux<T> f;
      try {
        f = call.get();
      } catch (RuntimeException e) {
        f = Flux.error(e);
      }
      return f
          .doOnComplete(() -> o.end(Outcome.SUCCESS, null))
          .doOnError(e -> o.end(Outcome.ERROR, e))
          .doOnCancel(() -> o.end(Outcome.CANCELLED, null));
    });
  }

  private static <T> Mono<T> start(Supplier<Mono<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Mono.error(e);
    }
  }

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    return Mono.defer(() -> {
      Observation o = begin("read", path, request.range());
      AtomicBoolean opened = new AtomicBoolean();
      return start(() -> inner.read(path, request))
          .doOnError(e -> o.end(Outcome.ERROR, e))
          .doOnCancel(() -> {
            if (!opened.get()) o.end(Outcome.CANCELLED, null);
          })
          .map(r -> {
            opened.set(true);
            return r.withBody(r.body()
                .doOnNext(b -> o.addBytes(b.remaining()))
                .doOnComplete(() -> o.end(Outcome.SUCCESS, null))
                .doOnError(e -> o.end(Outcome.ERROR, e))
                .doOnCancel(() -> o.end(Outcome.CANCELLED, null)));
          });
    });
  }

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return Mono.defer(() -> {
      Observation o = begin("write", path, null);
      AtomicLong written = new AtomicLong();
      // A retry inside this layer subscribes the body again; count only the bytes of the last attempt.
      Flux<ByteBuffer> counted = Flux.defer(() -> {
        written.set(0);
        return body.doOnNext(b -> written.addAndGet(b.remaining()));
      });
      return start(() -> inner.write(path, counted, options))
          .doOnSuccess(m -> {
            o.addBytes(written.get());
            o.end(Outcome.SUCCESS, null);
          })
          .doOnError(e -> o.end(Outcome.ERROR, e))
          .doOnCancel(() -> o.end(Outcome.CANCELLED, null));
    });
  }

  @Override
  public Mono<PositionalReader> openReader(String path) {
    return observe("openReader", path, () -> inner.openReader(path));
  }

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return observe("stat", path, () -> inner.stat(path));
  }

  @Override
  public Mono<Void> delete(String path) {
    return observe("delete", path, () -> inner.delete(path));
  }

  @Override
  public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
    return observeMany("deleteBatch", null, () -> inner.deleteBatch(paths));
  }

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return observeMany("list", dir, () -> inner.list(dir, options));
  }

  @Override
  public Mono<Void> createDir(String dir) {
    return observe("createDir", dir, () -> inner.createDir(dir));
  }

  @Override
  public Mono<ObjectMeta> copy(String from, String to) {
    return observe("copy", from, () -> inner.copy(from, to));
  }

  @Override
  public Mono<Void> rename(String from, String to) {
    return observe("rename", from, () -> inner.rename(from, to));
  }

  @Override
  public Mono<URI> presignRead(String path, Duration ttl) {
    return observe("presignRead", path, () -> inner.presignRead(path, ttl));
  }

  @Override
  public Mono<URI> presignWrite(String path, Duration ttl) {
    return observe("presignWrite", path, () -> inner.presignWrite(path, ttl));
  }
}
