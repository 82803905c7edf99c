package dev.rdal.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A real file's channel that records the thread and position of every positional read, and can hold a
 * read at a position (the hook runs before the read), so tests can see which thread read which chunk and
 * make a read be in flight at a chosen moment. Only what {@link FileBody} uses is supported.
 */
final class RecordingChannel extends FileChannel {

  /** One positional read: where it started and on which thread. */
  record Read(long position, String thread) {}

  private final FileChannel file;
  private final List<Read> reads = new CopyOnWriteArrayList<>();
  private volatile LongConsumer beforeRead = p -> {};

  RecordingChannel(Path path) throws IOException {
    this.file = FileChannel.open(path, StandardOpenOption.READ);
  }

  List<Read> reads() {
    return reads;
  }

  /**
   * Holds the first read at {@code position} until {@link Hold#release()}: the read is then in flight,
   * on whichever thread started it. Replaces any other hook.
   */
  Hold holdAt(long position) {
    Hold hold = new Hold();
    beforeRead(p -> {
      if (p == position) {
        hold.reached.countDown();
        await(hold.released);
      }
    });
    return hold;
  }

  /** A read held in flight by {@link #holdAt(long)}. */
  static final class Hold {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Waits until the held read has started. */
    void awaitReached() {
      await(reached);
    }

    /** Lets the held read go on. */
    void release() {
      released.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(FsTestSupport.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("not reached within " + FsTestSupport.TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs {@code hook} with the position before every positional read. */
  RecordingChannel beforeRead(LongConsumer hook) {
    this.beforeRead = hook;
    return this;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    reads.add(new Read(position, Thread.currentThread().getName()));
    beforeRead.accept(position);
    return file.read(dst, position);
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }

  @Override
  public int read(ByteBuffer dst) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int write(ByteBuffer src) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long position() {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileChannel position(long newPosition) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileChannel truncate(long size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void force(boolean metaData) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int write(ByteBuffer src, long position) {
    throw new UnsupportedOperationException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }
}
