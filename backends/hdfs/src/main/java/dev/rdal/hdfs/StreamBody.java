package dev.rdal.hdfs;

import dev.rdal.spi.LentBuffers;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.fs.FSDataInputStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * The body of one read: a pull source ({@link Flux#generate}) over a stream the read already opened, one
 * chunk per {@code request}ed element, read sequentially from the served range's first byte with the
 * stream kept open across all chunks, so HDFS keeps one block reader (one DataNode connection) per block
 * rather than one per chunk. Reads go into the buffer itself when the stream has
 * {@code in:readbytebuffer}, through a heap array otherwise.
 *
 * <p><b>Threads.</b> Every chunk is read and emitted inside {@code request(n)}, so under the operator's
 * execution policy every read runs on the policy's thread. No chunk is read ahead.
 *
 * <p><b>Buffers.</b> Owned mode emits a fresh heap buffer per chunk that the subscriber keeps; lent mode
 * reads every chunk into one pooled direct buffer, read into again only after the {@code onNext} that
 * received it has returned, and given back when the body ends.
 *
 * <p><b>Closing.</b> The stream is closed at once on completion (before {@code onComplete}), error or
 * cancel; a cancel that arrives while a chunk is being read takes effect when that read returns. A stream
 * that ends before the length the read was opened with ends the body with
 * {@link ErrorKind#CONDITION_NOT_MET} (the file was truncated or replaced in place).
 *
 * <p><b>Failures.</b> HDFS itself moves to another replica when a DataNode fails during a read. When none
 * can serve the block, the error is temporary, and the operator's resume re-reads from the first byte not
 * yet delivered, pinned to the ETag.
 */
final class StreamBody {

  private StreamBody() {}

  /**
   * @param lendFrom the pool of lent buffers, or null for owned buffers
   */
  static Flux<ByteBuffer> of(InputFile file, ContentRange served, int chunkSize, BufferPool lendFrom) {
    return Flux.generate(
        () -> new Cursor(file, served.first(), served.last() + 1, chunkSize, lendFrom),
        (Cursor cursor, SynchronousSink<ByteBuffer> sink) -> {
          cursor.next(sink);
          return cursor;
        },
        Cursor::close);
  }

  /** The open stream, the position and the lent buffer of one body. */
  private static final class Cursor {
    private final InputFile file;
    private final long end;
    private final int chunkSize;
    private final BufferPool pool;
    private ByteBuffer lent;
    private byte[] scratch;
    private long position;
    private boolean positioned;

    Cursor(InputFile file, long first, long end, int chunkSize, BufferPool pool) {
      this.file = file;
      this.position = first;
      this.end = end;
      this.chunkSize = chunkSize;
      this.pool = pool;
    }

    void next(SynchronousSink<ByteBuffer> sink) {
      int n = (int) Math.min(chunkSize, end - position);
      ByteBuffer into;
      if (pool != null) {
        if (lent == null) {
          lent = pool.acquire();
        } else {
          LentBuffers.poisonIfParanoid(lent); // its onNext has returned: it may be read into again
        }
        into = lent.clear().limit(n);
      } else {
        into = ByteBuffer.allocate(n);
      }
      try {
        readFully(into);
      } catch (IOException e) {
        throw HdfsErrors.map(e);
      }
      into.flip();
      position += n;
      sink.next(into);
      if (position >= end) {
        close(); // before onComplete: whoever sees the read finish may delete or rewrite the file
        sink.complete();
      }
    }

    private void readFully(ByteBuffer into) throws IOException {
      FSDataInputStream in = file.stream();
      if (!positioned) {
        if (position != 0) {
          in.seek(position);
        }
        positioned = true;
      }
      while (into.hasRemaining()) {
        int r;
        if (file.byteBufferReads()) {
          r = in.read(into);
        } else {
          if (scratch == null) {
            scratch = new byte[Math.min(chunkSize, HdfsDefaults.COPY_BUFFER)];
          }
          r = in.read(scratch, 0, Math.min(scratch.length, into.remaining()));
          if (r > 0) {
            into.put(scratch, 0, r);
          }
        }
        if (r < 0) {
          throw RdalException.builder(ErrorKind.CONDITION_NOT_MET,
              "the file ended at byte " + (position + into.position()) + " although it had " + file.status().getLen()
                  + " bytes when the read began; it was truncated or replaced in place").build();
        }
      }
    }

    void close() {
      if (!file.isClosed() || lent != null) {
        Closer.run(this::release);
      }
    }

    private void release() {
      file.close();
      if (lent != null) {
        LentBuffers.poisonIfParanoid(lent);
        pool.release(lent);
        lent = null;
      }
    }
  }
}
