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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

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
 *       error, is re-requested at once from the first byte not yet delivered, pinned to the first
 *       response's ETag with If-Match, at most {@code maxResumes} times ({@link ResumableBody}). If the
 *       object changed, the read fails with {@code CONDITION_NOT_MET}; bytes are never stitched from two
 *       versions or delivered twice.
 *   <li><b>Length check.</b> A body that carries more bytes than its Content-Range announced fails with
 *       {@code UNEXPECTED} before the excess reaches the subscriber (also when resuming is off).
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
    ReadRequest request = new ReadRequest(options.range(), options.ifMatch(), options.ifNoneMatch(), options.lentBuffers());
    return backend.read(path, request)
        .onErrorResume(e -> RdalException.isKind(e, ErrorKind.RANGE_NOT_SATISFIABLE),
            e -> heal(path, request, options.policy(), (RdalException) e))
        .map(result -> enforce(result, options))
        .map(result -> resumable(path, result));
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

  private ReadResult resumable(String path, ReadResult first) {
    Retry immediately = Retry.max(maxResumes)
        .filter(e -> e instanceof RdalException && ((RdalException) e).isTemporary())
        .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    return ResumableBody.of(path, first, rest -> backend.read(path, rest), immediately);
  }
}
