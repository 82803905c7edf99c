package dev.rdal.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one consumer every implementation feeds: it reads every byte it is handed (eight at a time with
 * {@link ByteBuffer#getLong(int)}) and folds them into a checksum that does not depend on how the bytes
 * were cut into chunks, so a zero-copy view and a copy are compared doing the same work, and any
 * implementation's result can be checked against the file's expected checksum.
 *
 * <p>It never moves a buffer's position or limit. Not thread-safe: one instance per stream.
 */
public final class ByteSum {

  private long sum;
  private long pending;
  private int pendingBytes;
  private long count;

  /** Folds the remaining bytes of {@code b} into the checksum, leaving {@code b} unchanged. */
  public void add(ByteBuffer b) {
    int pos = b.position();
    int lim = b.limit();
    count += lim - pos;
    while (pendingBytes != 0 && pos < lim) {
      pushByte(b.get(pos++));
    }
    int words = (lim - pos) >>> 3;
    int end = pos + (words << 3);
    long s = sum;
    if (b.order() == ByteOrder.BIG_ENDIAN) {
      for (int i = pos; i < end; i += 8) {
        s += b.getLong(i);
      }
    } else {
      for (int i = pos; i < end; i += 8) {
        s += Long.reverseBytes(b.getLong(i));
      }
    }
    sum = s;
    for (int i = end; i < lim; i++) {
      pushByte(b.get(i));
    }
  }

  /** Folds {@code len} bytes of {@code a} from {@code off}. */
  public void add(byte[] a, int off, int len) {
    add(ByteBuffer.wrap(a, off, len));
  }

  private void pushByte(byte v) {
    pending = (pending << 8) | (v & 0xFF);
    if (++pendingBytes == 8) {
      sum += pending;
      pending = 0;
      pendingBytes = 0;
    }
  }

  /** How many bytes were folded in. */
  public long count() {
    return count;
  }

  /** The checksum of every byte folded in so far, in order. */
  public long value() {
    return (sum * 31 + pending) * 31 + count;
  }

  /** Starts over. */
  public ByteSum reset() {
    sum = 0;
    pending = 0;
    pendingBytes = 0;
    count = 0;
    return this;
  }

  /** The checksum of {@code len} bytes of {@code a}. */
  public static long of(byte[] a, int off, int len) {
    ByteSum s = new ByteSum();
    s.add(a, off, len);
    return s.value();
  }
}
