package dev.rdal.cli;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 4 GiB sparse file copied fs to fs by a child JVM with a 64 MiB heap: the copy streams in bounded memory,
 * verifies itself ({@code --checksum}), and marks written at sampled offsets arrive where they were.
 */
class LargeSparseCopyTest {

  private static final long SIZE = 4L << 30;

  @TempDir
  Path tmp;

  @Test
  void fourGibibytesCopyWithSixtyFourMebibytesOfHeap() throws Exception {
    Path src = tmp.resolve("sparse.bin");
    long[] marks = {0, 1L << 20, (1L << 31) + 12345, SIZE - 16};
    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.setLength(SIZE);
      for (long at : marks) {
        f.seek(at);
        f.write(mark(at));
      }
    }
    Process p = ChildCli.start(tmp, List.of("-Xmx64m"), "cp", "--checksum", "sparse.bin", "copy.bin");
    String err;
    try {
      p.getOutputStream().close();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.exitValue()).as("stderr: %s", err).isZero();
    Path copy = tmp.resolve("copy.bin");
    assertThat(Files.size(copy)).isEqualTo(SIZE);
    try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ)) {
      for (long at : marks) {
        ByteBuffer b = ByteBuffer.allocate(16);
        ch.read(b, at);
        assertThat(b.array()).as("bytes at %d", at).isEqualTo(mark(at));
      }
    }
  }

  private static byte[] mark(long at) {
    return String.format("@%014x.", at).getBytes(StandardCharsets.US_ASCII);
  }
}
