package dev.rdal.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Files the suites read: deterministic pseudo-random bytes (the same for every fork), their expected
 * checksums, and the temporary directory they live in. Directory: {@code -Drdal.bench.dir} or the JVM's
 * temp dir.
 */
public final class TestFiles {

  /** One MiB. */
  public static final int MIB = 1 << 20;

  private TestFiles() {}

  /** {@code size} deterministic bytes. */
  public static byte[] content(int size) {
    byte[] out = new byte[size];
    ByteBuffer b = ByteBuffer.wrap(out);
    SplittableRandom r = new SplittableRandom(0x5eed_1234L);
    while (b.remaining() >= 8) {
      b.putLong(r.nextLong());
    }
    while (b.hasRemaining()) {
      b.put((byte) r.nextInt());
    }
    return out;
  }

  /** A fresh temporary directory for one fork's files. */
  public static Path newDirectory(String prefix) {
    try {
      String base = System.getProperty("rdal.bench.dir");
      if (base != null) {
        Path p = Path.of(base);
        Files.createDirectories(p);
        return Files.createTempDirectory(p, prefix);
      }
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Places a file of {@link #content(int) content(size)} at {@code file}. With {@code -Drdal.bench.cache}
   * (a directory; the runner sets one per run) the bytes are written once per run and later forks get a
   * hard link to them, so a fork does not pay for writing 128 MiB; otherwise they are written here.
   * Returns the content, for expected checksums.
   */
  public static byte[] place(Path file, int size) {
    byte[] content = content(size);
    String cache = System.getProperty("rdal.bench.cache");
    if (cache == null) {
      write(file, content);
      return content;
    }
    try {
      Path dir = Files.createDirectories(Path.of(cache));
      Path cached = dir.resolve("content-" + size + ".bin");
      if (!Files.exists(cached) || Files.size(cached) != size) {
        Path tmp = Files.createTempFile(dir, "content-", ".tmp");
        write(tmp, content);
        Files.move(tmp, cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Files.createLink(file, cached);
      return content;
    } catch (IOException | UnsupportedOperationException e) {
      write(file, content);
      return content;
    }
  }

  /** Writes {@code bytes} as {@code file}; later reads come from the page cache. */
  public static void write(Path file, byte[] bytes) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checksum of a file as read back plainly. */
  public static long checksumOf(Path file) {
    try {
      byte[] all = Files.readAllBytes(file);
      return ByteSum.of(all, 0, all.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree, best effort. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a temp dir left behind is harmless
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
