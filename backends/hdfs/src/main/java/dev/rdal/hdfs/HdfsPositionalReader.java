package dev.rdal.hdfs;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import reactor.core.publisher.Mono;

/**
 * A positional-read handle over one open HDFS stream (opened with the {@code random} read policy): each
 * read is one {@code readFully(position, ByteBuffer)} when the stream has {@code in:preadbytebuffer},
 * the {@code byte[]} form otherwise, with no open, seek or close. Positional reads do not move the
 * stream's own position, so concurrent reads at different positions are safe. The length is the file's
 * as of opening: a read is clamped to it, and a read at or past it emits -1 without calling HDFS.
 */
final class HdfsPositionalReader implements PositionalReader {

  private final InputFile file;
  private final ObjectMeta meta;
  private final long size;

  HdfsPositionalReader(InputFile file, ObjectMeta meta) {
    this.file = file;
    this.meta = meta;
    this.size = meta.size();
  }

  @Override
  public ObjectMeta meta() {
    return meta;
  }

  @Override
  public Mono<Integer> read(long position, ByteBuffer dst) {
    return Mono.fromCallable(() -> {
      if (position < 0) {
        throw RdalException.builder(ErrorKind.INVALID_INPUT, "position must not be negative, was " + position)
            .path(meta.path()).build();
      }
      if (file.isClosed()) {
        throw closedError();
      }
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(dst.remaining(), size - position);
      if (n == 0) {
        return 0;
      }
      try {
        if (file.positionalByteBufferReads()) {
          ByteBuffer slice = dst.slice().limit(n);
          file.stream().readFully(position, slice);
        } else if (dst.hasArray()) {
          file.stream().readFully(position, dst.array(), dst.arrayOffset() + dst.position(), n);
        } else {
          byte[] bytes = new byte[n];
          file.stream().readFully(position, bytes, 0, n);
          dst.duplicate().put(bytes);
        }
      } catch (IOException e) {
        if (file.isClosed()) {
          throw closedError();
        }
        throw HdfsErrors.map(e);
      }
      dst.position(dst.position() + n);
      return n;
    });
  }

  private RdalException closedError() {
    return RdalException.builder(ErrorKind.UNEXPECTED, "positional reader is closed").path(meta.path()).build();
  }

  @Override
  public void close() {
    Closer.run(file::close);
  }
}
