package dev.rdal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a file far larger than the heap works in bounded memory: a 2 GiB sparse file (with random
 * bytes at its start, middle and end) is read end to end, in both buffer modes, by a separate JVM
 * limited to a 64 MiB heap, and every byte's checksum matches a raw read.
 */
class FsBoundedMemoryTest {

  private static final long SIZE = 2L << 30;

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void twoGibibyteFileIsReadInA64MibHeap() throws Exception {
    Path file = dir.resolve("sparse.bin");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(SIZE);
      for (long at : new long[] {0, SIZE / 2 - 7, SIZE - 4096}) {
        raf.seek(at);
        raf.write(FsTestSupport.randomBytes(4096, at));
      }
    }
    long expectedCrc = rawCrc(file);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        SparseReadMain.class.getName(), dir.toString(), "sparse.bin")
        .redirectErrorStream(true)
        .start();
    boolean exited = child.waitFor(4, TimeUnit.MINUTES);
    if (!exited) {
      child.destroyForcibly();
    }
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("child finished in time; output:%n%s", output).isTrue();
    assertThat(child.exitValue()).as("child exit code; output:%n%s", output).isZero();
    String crc = Long.toHexString(expectedCrc);
    assertThat(output.lines()).containsAll(List.of(
        "owned bytes=" + SIZE + " crc=" + crc,
        "lent bytes=" + SIZE + " crc=" + crc));
    Files.delete(file);
  }

  private static long rawCrc(Path file) throws Exception {
    CRC32 crc = new CRC32();
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long pos = 0;
      while (true) {
        buf.clear();
        int n = ch.read(buf, pos);
        if (n < 0) break;
        pos += n;
        crc.update(buf.flip());
      }
    }
    return crc.getValue();
  }
}
