package dev.rdal.fs;

import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Run in a separate JVM by {@link FsBoundedMemoryTest}: reads one file through an fs operator in each
 * buffer mode and prints {@code <mode> bytes=<n> crc=<hex>} per mode.
 */
public final class SparseReadMain {

  private SparseReadMain() {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    String file = args[1];
    try (Operator op = Operator.of("fs://" + root.toAbsolutePath())) {
      for (boolean lent : new boolean[] {false, true}) {
        CRC32 crc = new CRC32();
        AtomicLong bytes = new AtomicLong();
        op.read(file, ReadOptions.defaults().withLentBuffers(lent))
            .doOnNext(b -> {
              bytes.addAndGet(b.remaining());
              crc.update(b.duplicate());
            })
            .blockLast(Duration.ofMinutes(3));
        System.out.println((lent ? "lent" : "owned") + " bytes=" + bytes.get() + " crc=" + Long.toHexString(crc.getValue()));
      }
    }
  }
}
