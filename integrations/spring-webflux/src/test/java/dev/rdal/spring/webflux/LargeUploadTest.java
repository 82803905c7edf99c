package dev.rdal.spring.webflux;

import static dev.rdal.spring.webflux.EndpointServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB upload streamed through the endpoint into fs, in a JVM whose heap is limited to 128 MiB (its own
 * surefire execution): the body is generated as it is sent, never stored, and never joined in memory.
 */
class LargeUploadTest {

  private static final long SIZE = 1L << 30;

  @TempDir
  Path dir;

  @Test
  void oneGibibyteUnder128MibOfHeap() throws IOException {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertThat(maxHeap).as("run with -Xmx128m").isLessThanOrEqualTo(160L << 20);
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    CRC32 sent = new CRC32();
    try (Operator op = Operator.builder("fs").config("root", dir.toString()).build();
        EndpointServer server = EndpointServer.of(ObjectEndpoint.builder(op).basePath("/files").writable(true).build().routes())) {
      HttpResponse<byte[]> r = Http.send("PUT", server.uri("/files/big.bin"),
          HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(SIZE, sent)), SIZE));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(op.stat("big.bin").block(TIMEOUT).size()).isEqualTo(SIZE);
    }
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("1 GiB upload: max heap %d MiB, peak heap used %d MiB (sum of pool peaks)%n",
        maxHeap >> 20, peakHeap >> 20);
    assertThat(crc(dir.resolve("big.bin"))).isEqualTo(sent.getValue());
    assertThat(Await.names(dir)).isEqualTo(List.of("big.bin"));
  }

  private static long crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel ch = FileChannel.open(file)) {
      while (ch.read(b) >= 0) {
        b.flip();
        crc.update(b);
        b.clear();
      }
    }
    return crc.getValue();
  }

  /** {@code size} bytes of a pattern, made as they are read, checksummed into {@code crc}. */
  private static final class Generated extends InputStream {
    private final long size;
    private final CRC32 crc;
    private long pos;

    Generated(long size, CRC32 crc) {
      this.size = size;
      this.crc = crc;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        long p = pos + i;
        b[off + i] = (byte) (p ^ (p >>> 13));
      }
      crc.update(b, off, n);
      pos += n;
      return n;
    }
  }
}
