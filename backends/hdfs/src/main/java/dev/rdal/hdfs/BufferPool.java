package dev.rdal.hdfs;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one size for lent reads, reused last-in first-out so the warmest buffer goes out
 * first. At most {@code capacity} idle buffers are kept; a surplus is left to the garbage collector.
 * Thread-safe; a buffer is owned by exactly one read between {@link #acquire()} and
 * {@link #release(ByteBuffer)}.
 */
final class BufferPool {

  private final int bufferSize;
  private final int capacity;
  private final ConcurrentLinkedDeque<ByteBuffer> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();

  BufferPool(int bufferSize, int capacity) {
    this.bufferSize = bufferSize;
    this.capacity = capacity;
  }

  ByteBuffer acquire() {
    ByteBuffer b = idle.pollFirst();
    if (b != null) {
      idleCount.decrementAndGet();
      return b.clear();
    }
    return ByteBuffer.allocateDirect(bufferSize);
  }

  void release(ByteBuffer b) {
    if (idleCount.incrementAndGet() <= capacity) {
      idle.offerFirst(b);
    } else {
      idleCount.decrementAndGet();
    }
  }

  /** Drops every idle buffer. */
  void clear() {
    while (idle.pollFirst() != null) {
      idleCount.decrementAndGet();
    }
  }
}
