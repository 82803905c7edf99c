package dev.rdal.fs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One chunk of a read body, read with positional reads into one buffer, either ahead of demand by a
 * worker of the execution policy ({@link #run()}) or by the body's own thread when it needs the chunk
 * ({@link #join()}). Whichever thread claims the chunk first reads it; the other never touches it. So a
 * body never waits for a read that has not started (its own thread takes it over, which also makes a
 * read-ahead on a saturated or single-threaded scheduler cost nothing but the submission), and waits
 * only for one in progress, which ends after one chunk's read.
 *
 * <p>The buffer is given (lent mode) or allocated by the reading thread (owned mode). A file that ends
 * before the chunk does fails the chunk with {@link ErrorKind#CONDITION_NOT_MET}. Thread-safe: one
 * claim succeeds; the buffer and any failure are published to the joining thread by the final state.
 */
final class ChunkRead implements Runnable {

  /**
   * How long a thread that needs a chunk another thread is reading spins before it parks: about the
   * time of the thread hand-offs it saves (a park and wake-up cost tens of microseconds here), well
   * below one 1 MiB chunk's read.
   */
  static final long SPIN_NANOS = 20_000;

  private static final int PENDING = 0;
  private static final int READING = 1;
  private static final int DONE = 2;

  private final FileChannel channel;
  private final long position;
  private final int length;
  private final long end;
  private final AtomicInteger state = new AtomicInteger(PENDING);
  private ByteBuffer buffer;
  private RuntimeException failure;
  private volatile Thread waiter;

  /**
   * @param buffer the buffer to read into (its first {@code length} bytes), or null to allocate an owned
   *     heap buffer on the reading thread
   * @param end where the whole body ends, for the error message of a file that shrank
   */
  ChunkRead(FileChannel channel, long position, int length, ByteBuffer buffer, long end) {
    this.channel = channel;
    this.position = position;
    this.length = length;
    this.buffer = buffer;
    this.end = end;
  }

  /** Reads {@code length} bytes at {@code position} into {@code buf} (cleared first) and flips it. */
  static ByteBuffer readFully(FileChannel channel, ByteBuffer buf, long position, int length, long end) {
    buf.clear().limit(length);
    try {
      while (buf.hasRemaining()) {
        int r = channel.read(buf, position + buf.position());
        if (r <= 0) {
          throw shrank(channel.size(), end);
        }
      }
    } catch (IOException e) {
      throw FsErrors.map(e);
    }
    return buf.flip();
  }

  private static RdalException shrank(long size, long end) {
    return RdalException.builder(ErrorKind.CONDITION_NOT_MET,
        "file shrank to " + size + " bytes while being read (bytes up to " + end
            + " were expected); another writer changed it in place: read it again").build();
  }

  /** Reads the chunk ahead of demand, unless another thread already claimed it. */
  @Override
  public void run() {
    if (state.compareAndSet(PENDING, READING)) {
      perform();
    }
  }

  /**
   * The chunk, flipped: read here when no other thread started it, otherwise waited for.
   *
   * @throws RdalException when the read failed or the file shrank
   */
  ByteBuffer join() {
    if (state.compareAndSet(PENDING, READING)) {
      perform();
    } else {
      awaitDone();
    }
    if (failure != null) {
      throw failure;
    }
    return buffer;
  }

  /**
   * Makes sure no thread reads into the buffer any more: a chunk not started is never read, one being
   * read is waited for. Afterwards the buffer may be given back and the channel closed.
   */
  void settle() {
    if (!state.compareAndSet(PENDING, DONE)) {
      awaitDone();
    }
  }

  /** The buffer this chunk reads into (null for an owned chunk not read yet); call after {@link #settle()}. */
  ByteBuffer buffer() {
    return buffer;
  }

  private void perform() {
    try {
      ByteBuffer b = buffer != null ? buffer : ByteBuffer.allocate(length);
      buffer = readFully(channel, b, position, length, end);
    } catch (RuntimeException e) {
      failure = e;
    } catch (Error e) {
      failure = RdalException.builder(ErrorKind.UNEXPECTED, "reading a chunk failed: " + e).cause(e).build();
    }
    state.set(DONE);
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  private void awaitDone() {
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    while (state.get() != DONE) {
      if (System.nanoTime() - spinUntil < 0) {
        Thread.onSpinWait();
        continue;
      }
      waiter = Thread.currentThread();
      while (state.get() != DONE) {
        LockSupport.park(this);
      }
      waiter = null;
    }
  }
}
