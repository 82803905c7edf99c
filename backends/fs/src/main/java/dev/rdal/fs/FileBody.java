package dev.rdal.fs;

import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.spi.LentBuffers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * The body of one read: a pull source ({@link Flux#generate}) over a channel the read already opened,
 * one chunk of positional reads per {@code request}ed element; the channel stays open across all chunks.
 * The channel is closed (and lent buffers returned to their pool) at once on completion (before
 * {@code onComplete} is signalled), error or cancel; a cancel that arrives while a chunk is being read
 * takes effect when that read returns. A body that is never subscribed keeps its channel until its
 * {@link dev.rdal.ReadResult} is discarded.
 *
 * <p><b>Threads.</b> Every chunk is emitted inside {@code request(n)}, so under the operator's execution
 * policy ({@code subscribeOn} with requests on the worker) each is emitted on the policy's thread. A body
 * longer than one chunk that its {@link ReadAhead} admits has its next {@code depth} chunks read by its
 * {@link ReadAheadLane}, one task on the read-ahead scheduler (the policy's), while the subscriber
 * consumes the current one, so reading and consuming overlap on two threads; the first chunk, and any
 * chunk whose read-ahead has not started when it is needed, is read on the emitting thread itself (see
 * {@link ChunkRead}). Otherwise (the external policy, a busy machine, read-ahead 0) every read runs on
 * the emitting thread.
 *
 * <p><b>Memory.</b> At most {@code 1 + depth} chunks per body exist at once beyond those the
 * subscriber keeps: owned mode emits a fresh heap buffer per chunk that the subscriber keeps; lent mode
 * cycles {@code 1 + depth} pooled direct buffers, and an emitted buffer is read into again only
 * after the {@code onNext} that received it has returned.
 *
 * <p><b>Consistency.</b> The channel stays on the file that was opened, so a file replaced by rename
 * while it is read is read whole in its old version. A file truncated in place by another writer ends the
 * body with {@link ErrorKind#CONDITION_NOT_MET}; no chunk past the new end is emitted, and no memory
 * mapping is involved, so truncation can never fault a read of the bytes.
 */
final class FileBody {

  private FileBody() {}

  /**
   * @param lendFrom the pool of lent buffers, or null for owned buffers
   * @param readAhead where and how far chunks are read ahead, if this body is admitted
   */
  static Flux<ByteBuffer> of(FileChannel channel, ContentRange served, int chunkSize, BufferPool lendFrom,
      ReadAhead readAhead) {
    return Flux.generate(
        () -> new Cursor(channel, served.first(), served.last() + 1, chunkSize, lendFrom, readAhead),
        (Cursor cursor, SynchronousSink<ByteBuffer> sink) -> {
          cursor.next(sink);
          return cursor;
        },
        Cursor::close);
  }

  /** The open channel, the position and the chunks in flight of one body. */
  private static final class Cursor {
    private final FileChannel channel;
    private final long end;
    private final int chunkSize;
    private final BufferPool pool;
    private final ReadAhead readAhead;
    private final boolean admitted;
    private final int depth;
    private final ReadAheadLane lane;
    private final ArrayDeque<ChunkRead> ahead = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ByteBuffer lastLent;
    private long emitted;
    private long dispatched;

    Cursor(FileChannel channel, long first, long end, int chunkSize, BufferPool pool, ReadAhead readAhead) {
      this.channel = channel;
      this.emitted = first;
      this.dispatched = first;
      this.end = end;
      this.chunkSize = chunkSize;
      this.pool = pool;
      this.readAhead = readAhead;
      this.admitted = end - first > chunkSize && readAhead.tryEnter(); // one chunk: nothing to read ahead
      this.depth = admitted ? readAhead.depth() : 0;
      this.lane = admitted ? new ReadAheadLane(readAhead.scheduler()) : null;
    }

    void next(SynchronousSink<ByteBuffer> sink) {
      if (lastLent != null) { // its onNext has returned: it may be read into again
        LentBuffers.poisonIfParanoid(lastLent);
        spare.push(lastLent);
        lastLent = null;
      }
      ChunkRead head = ahead.peek();
      ByteBuffer out;
      if (head != null) {
        out = head.join(); // a failed chunk stays queued, so closing gives its buffer back
        ahead.poll();
      } else {
        int n = (int) Math.min(chunkSize, end - emitted);
        ByteBuffer into = pool != null ? lend() : ByteBuffer.allocate(n);
        try {
          out = ChunkRead.readFully(channel, into, emitted, n, end);
        } catch (RuntimeException e) {
          if (pool != null) {
            spare.push(into);
          }
          throw e;
        }
        dispatched = emitted + n;
      }
      emitted += out.remaining();
      dispatchAhead();
      if (pool != null) {
        lastLent = out;
      }
      sink.next(out);
      if (emitted >= end) {
        close(); // before onComplete: whoever sees the read finish may delete or rewrite the file
        sink.complete();
      }
    }

    /** Hands the next chunks, up to the depth, to the body's read-ahead lane. */
    private void dispatchAhead() {
      while (ahead.size() < depth && dispatched < end) {
        int n = (int) Math.min(chunkSize, end - dispatched);
        ChunkRead read = new ChunkRead(channel, dispatched, n, pool != null ? lend() : null, end);
        ahead.add(read);
        dispatched += n;
        try {
          lane.submit(read);
        } catch (RejectedExecutionException e) {
          return; // the scheduler is shutting down: the emitting thread reads what is queued itself
        }
      }
    }

    private ByteBuffer lend() {
      ByteBuffer b = spare.poll();
      return b != null ? b : pool.acquire();
    }

    void close() {
      if (closed.compareAndSet(false, true)) {
        Closer.run(this::release);
      }
    }

    /** Waits out chunks being read ahead, then closes the channel and gives every lent buffer back. */
    private void release() {
      if (lane != null) {
        lane.close();
      }
      for (ChunkRead read : ahead) {
        read.settle();
        if (pool != null) {
          spare.push(read.buffer());
        }
      }
      ahead.clear();
      if (admitted) {
        readAhead.leave();
      }
      Closer.closeNow(channel);
      if (pool != null) {
        if (lastLent != null) {
          spare.push(lastLent);
          lastLent = null;
        }
        for (ByteBuffer b; (b = spare.poll()) != null; ) {
          LentBuffers.poisonIfParanoid(b);
          pool.release(b);
        }
      }
    }
  }
}
