package dev.rdal.s3;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * Fails a read body that receives nothing for a while although its subscriber asked for more: a connection
 * that stalled, or one the server closed without the client noticing (the SDK's Netty client was seen to
 * signal neither completion nor error then). Time without demand does not count, so a slow subscriber
 * never trips it. The failure is a temporary {@code UNEXPECTED} error, which the operator resumes.
 *
 * <p>Checks run on Reactor's parallel scheduler every quarter of the allowed idle time while the body is
 * subscribed; cancelling or finishing the body stops them.
 */
final class StallGuard {

  private StallGuard() {}

  static Flux<ByteBuffer> guard(Flux<ByteBuffer> body, Duration idle) {
    long idleNanos = idle.toNanos();
    Duration tick = Duration.ofNanos(Math.max(1_000_000, idleNanos / 4));
    return Flux.defer(() -> {
      AtomicLong demand = new AtomicLong();
      AtomicLong lastProgress = new AtomicLong(System.nanoTime());
      Mono<Long> stalled = Flux.interval(tick)
          .filter(t -> demand.get() > 0 && System.nanoTime() - lastProgress.get() > idleNanos)
          .next();
      return body
          .doOnNext(b -> {
            lastProgress.set(System.nanoTime());
            if (demand.get() != Long.MAX_VALUE) demand.decrementAndGet();
          })
          .timeout(stalled, b -> stalled)
          .doOnRequest(n -> {
            long before = demand.getAndUpdate(d -> Operators.addCap(d, n));
            if (before <= 0) lastProgress.set(System.nanoTime());
          })
          .onErrorMap(TimeoutException.class, e -> RdalException.builder(ErrorKind.UNEXPECTED,
                  "no body bytes for " + idle.toMillis() + " ms although more were asked for: the connection "
                      + "stalled or was closed")
              .temporary(true).cause(e).build());
    });
  }
}
