package dev.rdal.layers;

import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.LocalFileRegion;
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
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes a healthy backend misbehave, reproducibly, to test what sits above it (retries, resumes, the
 * atomicity of writes). For tests and drills, never for production.
 *
 * <ul>
 *   <li><b>Errors</b>: an operation fails, before it reaches the backend, with a temporary
 *       {@link ErrorKind#UNEXPECTED} {@link RdalException} at its {@linkplain FaultPolicy#errorRate(String)
 *       rate}. A write that fails this way has written nothing.
 *   <li><b>Latency</b>: every operation waits {@link FaultPolicy#latency()} on a Reactor timer first.
 *   <li><b>Cuts</b>: a read body, or a write body on its way to the backend, fails with a temporary error
 *       after a random number of bytes. A cut write fails as a whole, so (backends being atomic) it leaves
 *       nothing behind.
 * </ul>
 *
 * <p>Batch deletes and closing are never faulted. Draws come from one {@link SplittableRandom} seeded by
 * the policy, so a single-threaded run is the same every time. Capabilities pass through unchanged.
 */
public final class FaultInjectionLayer implements Layer {

  private final FaultPolicy policy;

  /**
   * A layer injecting the faults {@code policy} describes.
   *
   * @param policy the faults
   */
  public FaultInjectionLayer(FaultPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The faults in force.
   *
   * @return the policy
   */
  public FaultPolicy policy() {
    return policy;
  }

  @Override
  public Backend wrap(Backend inner) {
    return new Faulty(inner, new SplittableRandom(policy.seed()));
  }

  @Override
  public String toString() {
    return "FaultInjectionLayer(" + policy + ")";
  }

  private static RdalException injected(String op, String path, String what) {
    return RdalException.builder(ErrorKind.UNEXPECTED, "injected fault: " + what)
        .temporary(true).operation(op).path(path).build();
  }

  private final class Faulty extends ForwardingBackend {
    private final SplittableRandom random;

    Faulty(Backend inner, SplittableRandom random) {
      super(inner);
      this.random = random;
    }

    private double draw() {
      synchronized (random) {
        return random.nextDouble();
      }
    }

    private long drawBelow(long bound) {
      synchronized (random) {
        return random.nextLong(bound);
      }
    }

    private <T> Mono<T> faulty(String op, String path, Supplier<Mono<T>> call) {
      Mono<T> attempt = Mono.defer(() -> draw() < policy.errorRate(op)
          ? Mono.error(injected(op, path, op + " failed"))
          : call.get());
      if (policy.latency().isZero()) {
        return attempt;
      }
      return Mono.deferContextual(ctx ->
          Mono.delay(policy.latency(), Timers.pick(ctx, inner, policy.scheduler())).then(attempt));
    }

    /** {@code body}, failing after {@code cutAt} bytes (if it is that long). */
    private Flux<ByteBuffer> cut(String op, String path, Flux<ByteBuffer> body, long cutAt) {
      return Flux.defer(() -> {
        AtomicLong seen = new AtomicLong();
        return body.<ByteBuffer>handle((b, sink) -> {
          long before = seen.get();
          long n = b.remaining();
          if (before + n <= cutAt) {
            seen.addAndGet(n);
            sink.next(b);
            return;
          }
          int keep = (int) (cutAt - before);
          if (keep > 0) {
            ByteBuffer head = b.duplicate();
            head.limit(head.position() + keep);
            sink.next(head.slice());
          }
          seen.set(cutAt);
          sink.error(injected(op, path, "body cut after " + cutAt + " bytes"));
        });
      });
    }

    @Override
    public Mono<LocalFileRegion> localFileRegion(String path, ObjectMeta version, ContentRange served) {
      return Mono.empty(); // a file region would bypass the injected body faults
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      return faulty("read", path, () -> inner.read(path, request)).map(r -> {
        if (draw() >= policy.cutRate()) {
          return r;
        }
        ContentRange served = r.contentRange();
        long span = served.isSizeKnown() ? served.length() : policy.cutWithin();
        return span <= 0 ? r : r.withBody(cut("read", path, r.body(), drawBelow(span)));
      });
    }

    @Override
    public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
      return faulty("write", path, () -> {
        Flux<ByteBuffer> b = draw() < policy.cutRate()
            ? cut("write", path, body, drawBelow(policy.cutWithin()))
            : body;
        return inner.write(path, b, options);
      });
    }

    @Override
    public Mono<PositionalReader> openReader(String path) {
      return faulty("openReader", path, () -> inner.openReader(path));
    }

    @Override
    public Mono<ObjectMeta> stat(String path) {
      return faulty("stat", path, () -> inner.stat(path));
    }

    @Override
    public Mono<Void> delete(String path) {
      return faulty("delete", path, () -> inner.delete(path));
    }

    @Override
    public Flux<ObjectMeta> list(String dir, ListOptions options) {
      return faulty("list", dir, () -> Mono.just(true)).thenMany(Flux.defer(() -> inner.list(dir, options)));
    }

    @Override
    public Mono<Void> createDir(String dir) {
      return faulty("createDir", dir, () -> inner.createDir(dir));
    }

    @Override
    public Mono<ObjectMeta> copy(String from, String to) {
      return faulty("copy", from, () -> inner.copy(from, to));
    }

    @Override
    public Mono<Void> rename(String from, String to) {
      return faulty("rename", from, () -> inner.rename(from, to));
    }

    @Override
    public Mono<URI> presignRead(String path, Duration ttl) {
      return faulty("presignRead", path, () -> inner.presignRead(path, ttl));
    }

    @Override
    public Mono<URI> presignWrite(String path, Duration ttl) {
      return faulty("presignWrite", path, () -> inner.presignWrite(path, ttl));
    }
  }
}
