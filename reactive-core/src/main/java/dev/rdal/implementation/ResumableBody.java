package dev.rdal.implementation;

import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Resumes a read body that breaks off: the one place that knows how, used by {@link RangedRead} (resume
 * at once) and by the retry layer (resume after a backoff).
 *
 * <p>A body that ends before its Content-Range promised, or fails, is re-requested from the first byte
 * not yet delivered, pinned to the first response's ETag with If-Match. Whether and when a failure is
 * resumed is decided by the {@link Retry} given, which must retry only {@linkplain RdalException#isTemporary()
 * temporary} errors. If the object changed, the body fails with {@link ErrorKind#CONDITION_NOT_MET}; bytes
 * are never stitched from two versions and never delivered twice.
 *
 * <p>A body that carries more bytes than its Content-Range announced fails with {@code UNEXPECTED} before
 * the excess reaches the subscriber. Only bodies whose Content-Range has a known size can be checked and
 * resumed; others are returned unchanged. An empty served range is checked, never resumed. A body with
 * no ETag is checked (a short body fails temporary) but never resumed.
 *
 * <p>Backpressure and cancellation pass through: a cancel stops the current segment and no further
 * segment is requested. The returned body may be subscribed once, like the first.
 */
public final class ResumableBody {

  private ResumableBody() {}

  /**
   * {@code first} with a body that resumes as described above.
   *
   * @param path the object's path, for error messages
   * @param first the first answer; its body is subscribed at most once
   * @param reopen reads a range of the object again (called with a range and an If-Match ETag)
   * @param retry decides which failures are resumed and when; must retry only temporary errors
   */
  public static ReadResult of(String path, ReadResult first, Function<ReadRequest, Mono<ReadResult>> reopen, Retry retry) {
    Objects.requireNonNull(reopen, "reopen");
    Objects.requireNonNull(retry, "retry");
    ContentRange served = first.contentRange();
    if (!served.isSizeKnown()) {
      return first;
    }
    String etag = first.meta().etag();
    return first.withBody(Flux.defer(() -> {
      Progress progress = new Progress();
      if (served.isUnsatisfied()) {
        return checked(first.body(), 0, progress); // nothing to resume, but nothing may arrive either
      }
      if (etag == null) {
        return checked(first.body(), served.length(), progress)
            .onErrorMap(e -> progress.delivered > 0 && e instanceof RdalException && ((RdalException) e).isTemporary(),
                e -> RdalException.builder(ErrorKind.UNEXPECTED,
                        "body broke after " + progress.delivered + " bytes and the store gave no ETag to resume against")
                    .path(path).cause(e).temporary(true).build());
      }
      // retryWhen may skip subscribing its source when cancelled at once (a discard): then the first
      // body is discarded here, so the backend and the layers below still see the cancel.
      return Flux.defer(() -> segment(path, first, served, etag, reopen, progress))
          .retryWhen(retry)
          .doOnCancel(() -> {
            if (progress.firstClaimed.compareAndSet(false, true)) {
              first.discard();
            }
          });
    }));
  }

  private static Flux<ByteBuffer> segment(String path, ReadResult first, ContentRange served, String etag,
      Function<ReadRequest, Mono<ReadResult>> reopen, Progress progress) {
    long expected = served.length();
    if (progress.firstClaimed.compareAndSet(false, true)) {
      return checked(first.body(), expected, progress);
    }
    long from = served.first() + progress.delivered;
    long remaining = expected - progress.delivered;
    ReadRequest rest = new ReadRequest(ByteRange.of(from, remaining), etag, null);
    return reopen.apply(rest)
        .onErrorMap(x -> RdalException.isKind(x, ErrorKind.RANGE_NOT_SATISFIABLE)
            || RdalException.isKind(x, ErrorKind.CONDITION_NOT_MET), x -> changed(path, etag, x))
        .flatMapMany(next -> {
          if (!etag.equals(next.meta().etag())) {
            next.discard();
            return Flux.error(changed(path, etag, null));
          }
          return checked(next.body(), expected, progress);
        });
  }

  /**
   * Counts delivered bytes; fails (temporary) when the body ends short of {@code expected}, and (permanent)
   * before a byte beyond {@code expected} reaches the subscriber.
   */
  private static Flux<ByteBuffer> checked(Flux<ByteBuffer> body, long expected, Progress progress) {
    return body
        .doOnNext(b -> {
          progress.delivered += b.remaining();
          if (progress.delivered > expected) {
            throw RdalException.builder(ErrorKind.UNEXPECTED,
                "store sent more than the " + expected + " bytes its Content-Range announced").build();
          }
        })
        .concatWith(Flux.defer(() -> progress.delivered < expected
            ? Flux.error(RdalException.builder(ErrorKind.UNEXPECTED,
                    "body ended after " + progress.delivered + " of " + expected + " bytes")
                .temporary(true).build())
            : Flux.empty()));
  }

  private static RdalException changed(String path, String etag, Throwable cause) {
    return RdalException.builder(ErrorKind.CONDITION_NOT_MET,
            "object changed while its body was being resumed (ETag was " + etag + "); read it again")
        .path(path).cause(cause).build();
  }

  /** What one body has delivered so far, across its segments; touched by one segment at a time. */
  private static final class Progress {
    volatile long delivered;
    final java.util.concurrent.atomic.AtomicBoolean firstClaimed = new java.util.concurrent.atomic.AtomicBoolean();
  }
}
