package dev.rdal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Small helpers between byte arrays and streams of {@link ByteBuffer}s. */
public final class Buffers {

  private Buffers() {}

  /**
   * Gathers a stream into one array. Holds the whole content in memory: for small objects and tests.
   * Reads each buffer's remaining bytes without changing its position.
   *
   * @param body the stream, subscribed once
   * @return the bytes of every buffer, in order
   */
  public static Mono<byte[]> collect(Publisher<ByteBuffer> body) {
    return Flux.from(body)
        .collect(ByteArrayOutputStream::new, (out, b) -> {
          ByteBuffer d = b.duplicate();
          if (d.hasArray()) {
            out.write(d.array(), d.arrayOffset() + d.position(), d.remaining());
          } else {
            byte[] tmp = new byte[d.remaining()];
            d.get(tmp);
            out.write(tmp, 0, tmp.length);
          }
        })
        .map(ByteArrayOutputStream::toByteArray);
  }

  /**
   * A stream of one buffer wrapping {@code bytes} (not copied: do not change the array afterwards). It is
   * replayable: every subscription gets a fresh buffer over the same bytes (see
   * {@link WriteOptions#replayableBody()}).
   *
   * @param bytes the content
   * @return a replayable stream of one buffer
   */
  public static Flux<ByteBuffer> of(byte[] bytes) {
    return Flux.defer(() -> Flux.just(ByteBuffer.wrap(bytes)));
  }

  /**
   * A copy of the remaining bytes of {@code b} in a new heap buffer; {@code b} is not changed.
   *
   * @param b the buffer to copy
   * @return a new heap buffer, positioned at 0
   */
  public static ByteBuffer copy(ByteBuffer b) {
    ByteBuffer c = ByteBuffer.allocate(b.remaining());
    c.put(b.duplicate());
    return c.flip();
  }
}
