package dev.rdal;

import java.nio.ByteBuffer;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A read's answer: the object's metadata, the served {@link ContentRange}, and the body.
 *
 * <p>The body can be subscribed <b>once</b>. It must be subscribed or {@link #discard() discarded}: a
 * backend may hold a file or a connection for it until then. Each emitted buffer belongs to the
 * subscriber, which may keep it, unless the read asked for {@link ReadOptions#lentBuffers() lent
 * buffers}: then each is valid only until {@code onNext} returns. Backpressure is real: no more than the backend's documented
 * prefetch is read ahead of demand. Cancelling the body releases its file or connection at once.
 *
 * @param meta the object's metadata as of this read (its size and ETag)
 * @param contentRange the bytes this body carries
 * @param body the bytes, in order
 */
public record ReadResult(ObjectMeta meta, ContentRange contentRange, Flux<ByteBuffer> body) {

  /**
   * Checks that no part is missing.
   * @param meta the object's metadata
   * @param contentRange the bytes the body carries
   * @param body the bytes
   */
  public ReadResult {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(contentRange, "contentRange");
    Objects.requireNonNull(body, "body");
  }

  /**
   * This result with another body (used by layers that transform the stream).
   *
   * @param newBody the body to carry
   * @return a new result
   */
  public ReadResult withBody(Flux<ByteBuffer> newBody) {
    return new ReadResult(meta, contentRange, newBody);
  }

  /** Subscribes to the body and cancels at once, so the backend releases what it holds. */
  public void discard() {
    body.subscribe(new reactor.core.publisher.BaseSubscriber<ByteBuffer>() {
      @Override
      protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
        subscription.cancel();
      }
    });
  }

  /**
   * The whole body gathered into one array (for small objects and tests).
   *
   * @return the whole body in one array
   */
  public Mono<byte[]> bodyBytes() {
    return Buffers.collect(body);
  }
}
