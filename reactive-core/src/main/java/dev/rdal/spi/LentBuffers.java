package dev.rdal.spi;

import java.nio.ByteBuffer;

/**
 * The paranoid mode of lent buffers, for backends that lend (see
 * {@link dev.rdal.ReadOptions#withLentBuffers(boolean)}): with the system property
 * {@value #PARANOID_PROPERTY}{@code =true} (off by default; on in rdal's own test runs), a backend
 * {@linkplain #poisonIfParanoid(ByteBuffer) poisons} every lent buffer once the subscriber's
 * {@code onNext} has returned, before it reads into it again or gives it back to its pool: the whole
 * buffer is filled with the repeated bytes {@code DE AD BE EF}. A subscriber that kept a lent buffer
 * past {@code onNext} ({@code collectList()}, a {@code publishOn} hop) then sees that pattern, or
 * another chunk's bytes, at once instead of bytes that are only sometimes wrong. The fix is to copy what
 * is kept inside {@code onNext}: {@code .map(Buffers::copy)}.
 *
 * <p>Costs one fill of each lent buffer per chunk when on; nothing when off.
 */
public final class LentBuffers {

  /** The system property that turns the paranoid mode on ({@code true}) for the whole JVM. */
  public static final String PARANOID_PROPERTY = "rdal.buffers.paranoid";

  private static final byte[] PATTERN = {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF};
  private static final boolean PARANOID = Boolean.getBoolean(PARANOID_PROPERTY);

  private LentBuffers() {}

  /**
   * Whether the paranoid mode is on in this JVM (read once, from {@value #PARANOID_PROPERTY}).
   *
   * @return true when lent buffers are poisoned after use
   */
  public static boolean paranoid() {
    return PARANOID;
  }

  /**
   * Poisons {@code buffer} when the paranoid mode is on; does nothing otherwise. Call it on a lent buffer
   * whose {@code onNext} has returned, before it is read into again or pooled.
   *
   * @param buffer a lent buffer no subscriber may use any more
   */
  public static void poisonIfParanoid(ByteBuffer buffer) {
    if (PARANOID) {
      poison(buffer);
    }
  }

  /**
   * Fills the whole of {@code buffer} (position 0 to its capacity, which become its position and limit)
   * with the repeated pattern {@code DE AD BE EF}.
   *
   * @param buffer a writable buffer
   */
  public static void poison(ByteBuffer buffer) {
    buffer.clear();
    for (int i = 0; i < buffer.capacity(); i++) {
      buffer.put(i, PATTERN[i & 3]);
    }
  }

  /**
   * Whether every remaining byte of {@code buffer} is the poison pattern at its index (and there is at
   * least one): what a subscriber sees in a lent buffer it kept too long.
   *
   * @param buffer a buffer, not changed
   * @return true when it holds only poison
   */
  public static boolean isPoisoned(ByteBuffer buffer) {
    if (!buffer.hasRemaining()) return false;
    for (int i = buffer.position(); i < buffer.limit(); i++) {
      if (buffer.get(i) != PATTERN[i & 3]) return false;
    }
    return true;
  }
}
