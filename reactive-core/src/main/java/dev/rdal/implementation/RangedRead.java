package dev.rdal.implementation;

import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RangePolicy;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The retry-with-stat and resume operator, written once for every backend.
 *
 * <ol>
 *   <li><b>Retry-with-stat.</b> When the backend refuses a range ({@code RANGE_NOT_SATISFIABLE}, an HTTP
 *       416), the object's size is taken from the error or from a stat, and by {@link RangePolicy}: STRICT
 *       fails carrying the size; CLAMP retries with the clamped range or completes empty with
 *       {@code bytes *}{@code /size} when nothing of the range exists.
 *   <li><b>Policy check.</b> A served range that is shorter than STRICT demands (an HTTP store truncates a
 *       range that runs past the end) is refused with the size; its body is discarded unread.
 *   <li><b>Resume.</b> A body that ends before its Content-Range promised, or fails with a temporary
 *       error, is re-requested from the first byte not yet delivered, pinned to the first response's ETag
 *       with If-Match, at most {@code maxResumes} times. If the object changed, the read fails with
 *       {@code CONDITION_NOT_MET}; bytes are never stitched from two versions or delivered twice.
 *   <li><b>Length check.</b> A body that carries more bytes than its Content-Range announced fails with
 *       {@code UNEXPECTED} before the excess reaches the subscriber.
 * </ol>
 */
public final class RangedRead {

  private final Backend backend;
  private final int maxResumes;

  public RangedRead(Backend backend, int maxResumes) {
    this.backend = backend;
    this.maxResumes = maxResumes;
  }

  /** Reads {@code path} under {@code options}, healing ranges and resuming short bodies. */
  public Mono<ReadResult> read(String path, ReadOptions options) {
    ReadRequest request = new ReadRequest(options.range(), options.ifMatch(), options.ifNoneMatch());
    return backend.read(path, request)
        .onErrorResume(e -> RdalException.isKind(e, ErrorKind.RANGE_NOT_SATISFIABLE),
            e -> heal(path, request, options.policy(), (RdalException) e))
        .map(result -> enforce(result, options))
        .map(result -> resumable(path, request, result));
  }

  private Mono<ReadResult> heal(String path, ReadRequest request, RangePolicy policy, RdalException refusal) {
    Mono<Long> size = refusal.objectSize().isPresent()
        ? Mono.just(refusal.objectSize().getAsLong())
        : backend.stat(path).map(meta -> meta.size());
    return size.flatMap(s -> {
      ContentRange wanted = Ranges.resolve(request.range(), s, policy);
      if (wanted.isUnsatisfied()) {
        return backend.stat(path).map(meta -> new ReadResult(meta, ContentRange.unsatisfied(meta.size()), Flux.empty()));
      }
      ReadRequest clamped = request.withRange(Ranges.toRequest(wanted));
      return backend.read(path, clamped);
    });
  }

  private static ReadResult enforce(ReadResult result, ReadOptions options) {
    ContentRange served = result.contentRange();
    if (!served.isSizeKnown()) {
      return result;
    }
    ContentRange wanted;
    try {
      wanted = Ranges.resolve(options.range(), served.size(), options.policy());
    } catch (RdalException e) {
      result.discard();
      throw e;
    }
    if (!wanted.equals(served)) {
      result.discard();
      throw RdalException.builder(ErrorKind.UNEXPECTED,
              "store served " + served + " for range " + options.range() + ", expected " + wanted)
          .range(options.range()).objectSize(served.size()).build();
    }
    return result;
  }

  private ReadResult resumable(String path, ReadRequest request, ReadResult first) {
    ContentRange served = first.contentRange();
    long expected = served.length();
    String etag = first.meta().etag();
    return first.withBody(Flux.defer(() -> {
      Progress progress = new Progress();
      return segment(path, request, served, etag, expected, first.body(), progress);
    }));
  }

  private Flux<ByteBuffer> segment(String path, ReadRequest request, ContentRange served, String etag,
      long expected, Flux<ByteBuffer> body, Progress progress) {
    return body
        .doOnNext(b -> {
          progress.delivered += b.remaining();
          if (progress.delivered > expected && served.isSizeKnown()) {
            throw RdalException.builder(ErrorKind.UNEXPECTED,
                    "store sent more than the " + expected + " bytes of its Content-Range " + served)
                .build();
          }
        })
        .concatWith(Flux.defer(() -> progress.delivered < expected && served.isSizeKnown()
            ? Flux.error(RdalException.builder(ErrorKind.UNEXPECTED,
                    "body ended after " + progress.delivered + " of " + expected + " bytes")
                .temporary(true).build())
            : Flux.empty()))
        .onErrorResume(e -> canResume(e, served, progress), e -> {
          progress.attempts++;
          long from = served.first() + progress.delivered;
          long remaining = expected - progress.delivered;
          if (etag == null) {
            return Flux.error(RdalException.builder(ErrorKind.UNEXPECTED,
                    "body broke after " + progress.delivered + " bytes and the store gave no ETag to resume against")
                .cause(e).temporary(true).build());
          }
          ReadRequest rest = new ReadRequest(ByteRange.of(from, remaining), etag, null);
          return backend.read(path, rest)
              .onErrorMap(x -> RdalException.isKind(x, ErrorKind.RANGE_NOT_SATISFIABLE),
                  x -> changed(path, etag, x))
              .flatMapMany(next -> {
                if (!etag.equals(next.meta().etag())) {
                  next.discard();
                  return Flux.error(changed(path, etag, null));
                }
                return segment(path, request, served, etag, expected, next.body(), progress);
              });
        });
  }

  private boolean canResume(Throwable e, ContentRange served, Progress progress) {
    return progress.attempts < maxResumes
        && served.isSizeKnown()
        && !served.isUnsatisfied()
        && e instanceof RdalException
        && ((RdalException) e).isTemporary();
  }

  private static RdalException changed(String path, String etag, Throwable cause) {
    return RdalException.builder(ErrorKind.CONDITION_NOT_MET,
            "object changed while its body was being resumed (ETag was " + etag + "); read it again")
        .path(path).cause(cause).build();
  }

  /** Bytes delivered so far across segments, and resume attempts used. */
  private static final class Progress {
    long delivered;
    int attempts;
  }
}
