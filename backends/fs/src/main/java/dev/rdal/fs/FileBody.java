package dev.rdal.fs;

import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * The body of one read: a pull source ({@link Flux#generate}) over a channel the read already opened,
 * reading one chunk with a positional {@link FileChannel#read(ByteBuffer, long)} per {@code request}ed
 * element; the channel stays open across all chunks. The channel is closed (and a lent buffer returned
 * to its pool) at once on completion (before {@code onComplete} is signalled), error or cancel; a cancel
 * that arrives while a chunk is being read takes effect when that read returns. A body that is never
 * subscribed keeps its channel until its {@link dev.rdal.ReadResult} is discarded.
 *
 * <p>Threads: every read happens inside {@code request(n)}, so under the operator's execution policy
 * ({@code subscribeOn} with requests on the worker) each one runs on the policy's thread.
 *
 * <p>Buffers: owned mode emits a fresh heap buffer per chunk that the subscriber keeps. Lent mode emits
 * one pooled direct buffer, refilled after each {@code onNext} returns: no allocation per chunk.
 *
 * <p>Consistency: the channel stays on the file that was opened, so a file replaced by rename while it
 * is read is read whole in its old version. A file truncated in place by another writer ends the body
 * with {@link ErrorKind#CONDITION_NOT_MET}; no chunk past the new end is emitted, and no memory mapping is
 * involved, so truncation can never fault the JVM.
 */
final class FileBody {

  private FileBody() {}

  static Flux<ByteBuffer> of(FileChannel channel, ContentRange served, int chunkSize, BufferPool lendFrom) {
    return Flux.generate(
        () -> new Cursor(channel, served.first(), served.last() + 1, chunkSize, lendFrom),
        (Cursor cursor, SynchronousSink<ByteBuffer> sink) -> {
          cursor.next(sink);
          return cursor;
        },
        Cursor::close);
  }

  /** The open channel and the position of one body. */
  private static final class Cursor {
    private final FileChannel channel;
    private final long end;
    private final int chunkSize;
    private final BufferPool pool;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ByteBuffer lent;
    private long position;

    Cursor(FileChannel channel, long first, long end, int chunkSize, BufferPool pool) {
      this.channel = channel;
      this.position = first;
      this.end = end;
      this.chunkSize = chunkSize;
      this.pool = pool;
      this.lent = pool != null ? pool.acquire() : null;
    }
    void next(SynchronousSink<ByteBuffer> sink) {
      int n = (int) Math.min(chunkSize, end - position);
      ByteBuffer buf = lent != null ? lent.clear().limit(n) : ByteBuffer.allocate(n);
      try {
        while (buf.hasRemaining()) {
          int r = channel.read(buf, position + buf.position());
          if (r <= 0) {
            throw shrank(channel.size());
          }
        }
      } catch (IOException e) {
        throw FsErrors.map(e);
      }
      position += n;
      sink.next(buf.flip());
      if (position >= end) {
        close(); // before onComplete: whoever sees the read finish may delete or rewrite the file
        sink.complete();
      }
    }

    private RdalException shrank(long size) {
      return RdalException.builder(ErrorKind.CONDITION_NOT_MET,
          "file shrank to " + size + " bytes while being read (bytes up to " + end
              + " were expected); another writer changed it in place: read it again").build();
    }

    void close() {
      if (closed.compareAndSet(false, true)) {
        ByteBuffer b = lent;
        lent = null;
        Closer.run(() -> {
          Closer.closeNow(channel);
          if (b != null) pool.release(b);
        });
      }
    }
  }
}
