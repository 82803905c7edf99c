package dev.rdal.layers;

import dev.rdal.DeleteResult;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import dev.rdal.spi.ReadRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Bounds how long an operation may take and how long a stream may stall.
 *
 * <ul>
 *   <li>The <b>deadline</b> bounds every single-answer call (stat, delete, copy, ...), the opening of a
 *       read (until its metadata and range are known) and a whole write, body included.
 *   <li>The <b>idle timeout</b> bounds the wait for each next chunk of a read body or a write body, and
 *       for each next entry of a listing or batch delete, including the first.
 * </ul>
 *
 * <p>Either may be null for none. A call that runs out of time is cancelled (releasing its file or
 * connection) and fails with a temporary {@link ErrorKind#UNEXPECTED} {@link RdalException} naming the
 * limit, so a {@link RetryLayer} outside this one retries it (or resumes the read).
 *
 * <p>Threads: timers are Reactor timers (the given scheduler or {@code Schedulers.parallel()}; the IO
 * scheduler for a blocking backend); nothing blocks. Capabilities pass through unchanged.
 */
public final class TimeoutLayer implements Layer {

  private final Duration deadline;
  private final Duration idle;
  private final Scheduler scheduler;

  /**
   * A layer with the given deadline and idle timeout (either may be null), timed on {@code Schedulers.parallel()}.
   *
   * @param deadline the deadline of one operation; null for none
   * @param idle the longest wait between chunks; null for none
   */
  public TimeoutLayer(Duration deadline, Duration idle) {
    this(deadline, idle, null);
  }

  /**
   * As {@link #TimeoutLayer(Duration, Duration)}, timed on {@code scheduler} (null for the default).
   *
   * @param deadline the deadline of one operation; null for none
   * @param idle the longest wait between chunks; null for none
   * @param scheduler the timer scheduler
   */
  public TimeoutLayer(Duration deadline, Duration idle, Scheduler scheduler) {
    this.deadline = positiveOrNull(deadline, "deadline");
    this.idle = positiveOrNull(idle, "idle timeout");
    this.scheduler = scheduler;
  }

  private static Duration positiveOrNull(Duration d, String name) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw RdalException.invalidInput(name + " must be positive, was " + d);
    }
    return d;
  }

  @Override
  public Backend wrap(Backend inner) {
    return new Timed(inner);
  }

  @Override
  public String toString() {
    return "TimeoutLayer(deadline=" + deadline + ", idle=" + idle + ")";
  }

  private static RdalException timedOut(String op, String path, String what) {
    return RdalException.builder(ErrorKind.UNEXPECTED, op + " " + what)
        .temporary(true).operation(op).path(path).build();
  }

  private final class Timed extends ForwardingBackend {

    Timed(Backend inner) {
      super(inner);
    }

    private <T> Mono<T> bounded(String op, String path, Supplier<Mono<T>> call) {
      if (deadline == null) {
        return Mono.defer(call);
      }
      return Mono.deferContextual(ctx -> Mono.defer(call).timeout(deadline,
          Mono.error(() -> timedOut(op, path, "did not finish within its deadline of " + deadline)),
          Timers.pick(ctx, inner, scheduler)));
    }

    private <T> Flux<T> idled(String op, String path, Flux<T> stream, String unit) {
      if (idle == null) {
        return stream;
      }
      return Flux.deferContextual(ctx -> stream.timeout(idle,
          Flux.error(() -> timedOut(op, path, "stalled: no " + unit + " for " + idle + " (idle timeout)")),
          Timers.pick(ctx, inner, scheduler)));
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      return bounded("read", path, () -> inner.read(path, request))
          .map(r -> r.withBody(idled("read", path, r.body(), "bytes")));
    }

    @Override
    public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
      return bounded("write", path, () -> inner.write(path, idled("write", path, body, "bytes from the body"), options));
    }

    @Override
    public Flux<ObjectMeta> list(String dir, ListOptions options) {
      return idled("list", dir, Flux.defer(() -> inner.list(dir, options)), "entries");
    }

    @Override
    public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
      return idled("deleteBatch", null, Flux.defer(() -> inner.deleteBatch(paths)), "results");
    }

    @Override
    public Mono<PositionalReader> openReader(String path) {
      return bounded("openReader", path, () -> inner.openReader(path));
    }

    @Override
    public Mono<ObjectMeta> stat(String path) {
      return bounded("stat", path, () -> inner.stat(path));
    }

    @Override
    public Mono<Void> delete(String path) {
      return bounded("delete", path, () -> inner.delete(path));
    }

    @Override
    public Mono<Void> createDir(String dir) {
      return bounded("createDir", dir, () -> inner.createDir(dir));
    }

    @Override
    public Mono<ObjectMeta> copy(String from, String to) {
      return bounded("copy", from, () -> inner.copy(from, to));
    }

    @Override
    public Mono<Void> rename(String from, String to) {
      return bounded("rename", from, () -> inner.rename(from, to));
    }

    @Override
    public Mono<URI> presignRead(String path, Duration ttl) {
      return bounded("presignRead", path, () -> inner.presignRead(path, ttl));
    }

    @Override
    public Mono<URI> presignWrite(String path, Duration ttl) {
      return bounded("presignWrite", path, () -> inner.presignWrite(path, ttl));
    }
  }
}
