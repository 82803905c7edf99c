package dev.rdal.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.RdalException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The buffer bridge: no copy for owned buffers, one copy for lent ones, every pooled buffer released. */
class DataBuffersTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final NettyDataBufferFactory pooled = new NettyDataBufferFactory(new PooledByteBufAllocator(true));

  @Test
  void ownedBuffersAreWrappedWithoutACopy() {
    ByteBuffer owned = ByteBuffer.wrap(new byte[] {1, 2, 3});
    DataBuffer d = DataBuffers.toDataBuffers(Flux.just(owned), false, DefaultDataBufferFactory.sharedInstance)
        .blockFirst(TIMEOUT);
    owned.put(0, (byte) 9);
    assertThat(d.getByte(0)).as("the data buffer shares the owned buffer's memory").isEqualTo((byte) 9);
    assertThat(d.readableByteCount()).isEqualTo(3);
  }

  @Test
  void lentBuffersAreCopiedOnceInsideOnNextIntoTheResponseFactory() {
    ByteBuffer lent = ByteBuffer.allocateDirect(4).put(new byte[] {1, 2, 3, 4}).flip();
    List<NettyDataBuffer> got = new ArrayList<>();
    DataBuffers.toDataBuffers(Flux.just(lent, lent), true, pooled)
        .doOnNext(d -> {
          got.add((NettyDataBuffer) d);
          lent.clear().put(new byte[] {7, 7, 7, 7}).flip(); // the lender reuses its buffer after onNext
        })
        .blockLast(TIMEOUT);
    assertThat(got).hasSize(2);
    ByteBuf first = got.get(0).getNativeBuffer();
    assertThat(first.alloc()).isSameAs(pooled.getByteBufAllocator());
    assertThat(first.getByte(0)).isEqualTo((byte) 1);
    assertThat(got.get(1).getNativeBuffer().getByte(0)).isEqualTo((byte) 7);
    got.forEach(DataBufferUtils::release);
    assertThat(first.refCnt()).isZero();
  }

  @Test
  void requestBuffersAreReleasedOnSuccessErrorAndCancel() {
    List<NettyDataBuffer> success = buffers(3);
    List<ByteBuffer> out = DataBuffers.toByteBuffers(Flux.fromIterable(success)).collectList().block(TIMEOUT);
    assertThat(out).hasSize(3);
    assertThat(out.get(2).get(0)).isEqualTo((byte) 2);
    assertThat(success).allSatisfy(d -> assertThat(d.getNativeBuffer().refCnt()).isZero());

    List<NettyDataBuffer> failing = buffers(2);
    StepVerifier.create(DataBuffers.toByteBuffers(Flux.<DataBuffer>fromIterable(failing)
            .concatWith(Flux.error(RdalException.invalidInput("client went away")))))
        .expectNextCount(2)
        .expectError(RdalException.class)
        .verify(TIMEOUT);
    assertThat(failing).allSatisfy(d -> assertThat(d.getNativeBuffer().refCnt()).isZero());

    List<NettyDataBuffer> queued = buffers(4);
    StepVerifier.create(DataBuffers.toByteBuffers(Flux.fromIterable(queued)
            .publishOn(reactor.core.scheduler.Schedulers.immediate(), 4)), 1)
        .expectNextCount(1)
        .thenCancel()
        .verify(TIMEOUT);
    assertThat(queued).allSatisfy(d -> assertThat(d.getNativeBuffer().refCnt()).isZero());
  }

  private List<NettyDataBuffer> buffers(int n) {
    List<NettyDataBuffer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NettyDataBuffer d = pooled.allocateBuffer(8);
      d.write((byte) i);
      out.add(d);
    }
    return out;
  }
}
