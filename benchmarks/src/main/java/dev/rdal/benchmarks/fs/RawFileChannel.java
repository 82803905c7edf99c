package dev.rdal.benchmarks.fs;

import dev.rdal.benchmarks.ByteSum;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The reference: a plain {@link FileChannel} loop of positional reads into one reused, page-aligned
 * direct buffer per thread (unaligned direct buffers swung 5–20 GiB/s between forks), no reactive
 * machinery at all. Writes go straight from the caller's buffers to the channel.
 */
final class RawFileChannel implements FsImplementation {

  /** Bytes per positional read; the same chunk size rdal defaults to. */
  static final int CHUNK = 1 << 20;

  private final Path root;
  private final ThreadLocal<ByteBuffer> buffers =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK + 4096).alignedSlice(4096));

  RawFileChannel(Path root) {
    this.root = root;
  }

  @Override
  public void read(String name, long offset, long length, ByteSum sink) throws Exception {
    ByteBuffer buf = buffers.get();
    try (FileChannel ch = FileChannel.open(root.resolve(name), StandardOpenOption.READ)) {
      long pos = offset;
      long end = offset + length;
      while (pos < end) {
        buf.clear();
        if (end - pos < buf.capacity()) {
          buf.limit((int) (end - pos));
        }
        int n = ch.read(buf, pos);
        if (n < 0) {
          break;
        }
        buf.flip();
        sink.add(buf);
        pos += n;
      }
    }
  }

  @Override
  public InputStream open(String name) throws Exception {
    return Files.newInputStream(root.resolve(name));
  }

  @Override
  public void write(String name, List<ByteBuffer> chunks) throws Exception {
    try (FileChannel ch = FileChannel.open(root.resolve(name), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (ByteBuffer c : chunks) {
        ByteBuffer b = c.duplicate();
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    }
  }

  @Override
  public void close() {}
}
