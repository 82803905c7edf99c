package dev.rdal.spring.webflux;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * The bridge between rdal's {@code ByteBuffer} streams and Spring's {@link DataBuffer} streams, with at
 * most one copy per byte and every pooled buffer released exactly once.
 *
 * <ul>
 *   <li><b>Reads to responses</b> ({@link #toDataBuffers}): an owned buffer (the subscriber's to keep) is
 *       wrapped by the response's factory without a copy; a lent buffer (valid only until {@code onNext}
 *       returns) is copied once, inside that {@code onNext}, into a buffer of the response's own factory
 *       (a pooled Netty buffer under Reactor Netty), which the server releases once written.
 *   <li><b>Requests to writes</b> ({@link #toByteBuffers}): each request {@code DataBuffer} is copied once
 *       into a heap buffer that belongs to the write, and released at once; buffers still queued upstream
 *       when the write fails or cancels are released by the discard hook. An rdal write may keep its
 *       buffers past {@code onNext} (a thread hop, a retry), so they cannot be views of pooled memory.
 * </ul>
 *
 * <p>Neither method blocks, hops threads or buffers more than its upstream's demand.
 */
public final class DataBuffers {

  private DataBuffers() {}

  /**
   * A read's body as response buffers.
   *
   * @param body the read's body
   * @param lent whether the read lent its buffers ({@code ReadOptions.withLentBuffers(true)}): then each is
   *     copied once into {@code factory}'s buffers; otherwise each is wrapped without a copy
   * @param factory the response's buffer factory ({@code response.bufferFactory()})
   * @return the body as data buffers; each belongs to its subscriber (the server releases what it writes)
   * @throws NullPointerException when an argument is null
   */
  public static Flux<DataBuffer> toDataBuffers(Flux<ByteBuffer> body, boolean lent, DataBufferFactory factory) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(factory, "factory");
    if (!lent) {
      return body.map(factory::wrap);
    }
    return body.map(b -> copy(b, factory)).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
  }

  private static DataBuffer copy(ByteBuffer source, DataBufferFactory factory) {
    DataBuffer target = factory.allocateBuffer(source.remaining());
    try {
      return target.write(source.duplicate());
    } catch (RuntimeException e) {
      DataBufferUtils.release(target);
      throw e;
    }
  }

  /**
   * A request body as an rdal write body. Each data buffer is copied into a heap buffer the write owns and
   * released before the copy is passed on; buffers discarded on error or cancel are released too.
   *
   * @param requestBody the request's body ({@code request.bodyToFlux(DataBuffer.class)} or
   *     {@code ServerHttpRequest.getBody()})
   * @return the bytes as buffers that belong to the write
   * @throws NullPointerException when {@code requestBody} is null
   */
  public static Flux<ByteBuffer> toByteBuffers(Publisher<? extends DataBuffer> requestBody) {
    Objects.requireNonNull(requestBody, "requestBody");
    return Flux.<DataBuffer>from(requestBody)
        .map(DataBuffers::copyAndRelease)
        .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
  }

  private static ByteBuffer copyAndRelease(DataBuffer source) {
    try {
      ByteBuffer copy = ByteBuffer.allocate(source.readableByteCount());
      source.toByteBuffer(copy);
      return copy;
    } finally {
      DataBufferUtils.release(source);
    }
  }
}
