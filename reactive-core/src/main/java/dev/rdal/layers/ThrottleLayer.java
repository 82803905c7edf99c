package dev.rdal.layers;

import dev.rdal.ContentRange;
import dev.rdal.LocalFileRegion;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Limits the bytes per second of read and write bodies, across all streams of the operator together,
 * with one token bucket. Each chunk takes its size in tokens before it passes; when the bucket is in
 * debt the chunk is held back on a Reactor timer until its turn (no thread is blocked or parked). The
 * bucket holds up to {@code burst} bytes, so a quiet operator may send that much at once.
 *
 * <p>Backpressure still holds: a held-back chunk is the only one in flight for its stream, and the next
 * is not requested before it has passed. A chunk
 * larger than the burst passes alone after its full wait. Cancelling drops a held-back chunk at once
 * (its tokens are not refunded). Only bodies are throttled; other calls pass through, as do
 * capabilities. Timers run on the given scheduler or {@code Schedulers.parallel()} (the IO scheduler
 * for a blocking backend), so the delays are testable in virtual time.
 */
public final class ThrottleLayer implements Layer {

  private final long bytesPerSecond;
  private final long burst;
  private final Scheduler scheduler;

  /**
   * {@code bytesPerSecond} with a burst of one second's worth.
   *
   * @param bytesPerSecond the rate, at least 1
   */
  public ThrottleLayer(long bytesPerSecond) {
    this(bytesPerSecond, bytesPerSecond, null);
  }

  /**
   * {@code bytesPerSecond} with the given burst, timed on {@code scheduler} (null for the default).
   *
   * @param bytesPerSecond the rate, at least 1
   * @param burst the most bytes let through at once
   * @param scheduler the timer scheduler of the delays
   */
  public ThrottleLayer(long bytesPerSecond, long burst, Scheduler scheduler) {
    if (bytesPerSecond < 1) throw RdalException.invalidInput("bytesPerSecond must be >= 1, was " + bytesPerSecond);
    if (burst < 1) throw RdalException.invalidInput("burst must be >= 1, was " + burst);
    this.bytesPerSecond = bytesPerSecond;
    this.burst = burst;
    this.scheduler = scheduler;
  }

  @Override
  public Backend wrap(Backend inner) {
    return new Throttled(inner, new TokenBucket(bytesPerSecond, burst));
  }

  @Override
  public String toString() {
    return "ThrottleLayer(" + bytesPerSecond + " B/s, burst " + burst + " B)";
  }

  private final class Throttled extends ForwardingBackend {
    private final TokenBucket bucket;

    Throttled(Backend inner, TokenBucket bucket) {
      super(inner);
      this.bucket = bucket;
    }

    private Flux<ByteBuffer> throttled(Flux<ByteBuffer> body) {
      return Flux.deferContextual(ctx -> {
        Scheduler timer = Timers.pick(ctx, inner, scheduler);
        // prefetch 0: the next chunk is requested only once this one has passed, so no read-ahead is added
        return body.concatMap(b -> {
          long wait = bucket.reserve(b.remaining(), timer.now(TimeUnit.NANOSECONDS));
          return wait == 0 ? Mono.just(b) : Mono.delay(Duration.ofNanos(wait), timer).thenReturn(b);
        }, 0);
      });
    }

    @Override
    public Mono<LocalFileRegion> localFileRegion(String path, ObjectMeta version, ContentRange served) {
      return Mono.empty(); // bytes sent from a file region would pass unpaced
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      return inner.read(path, request).map(r -> r.withBody(throttled(r.body())));
    }

    @Override
    public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
      return inner.write(path, throttled(body), options);
    }
  }
}
