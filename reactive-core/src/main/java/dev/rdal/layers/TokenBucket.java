package dev.rdal.layers;

/**
 * A token bucket of bytes that never blocks: {@link #reserve} takes tokens at once, going into debt when
 * too few are left, and answers how long the caller must wait before using them. Debts queue up, so
 * concurrent callers are served in the order they reserved and together never exceed the rate (beyond
 * the initial burst). Time is passed in, so the bucket runs on any clock, virtual ones included.
 * Thread-safe.
 */
final class TokenBucket {

  private final double bytesPerNano;
  private final double capacity;
  private double tokens;
  private long last = Long.MIN_VALUE;

  /**
   * @param bytesPerSecond refill rate
   * @param burst the most bytes that may pass at once after a quiet period
   */
  TokenBucket(long bytesPerSecond, long burst) {
    this.bytesPerNano = bytesPerSecond / 1e9;
    this.capacity = burst;
  }

  /** Takes {@code bytes} tokens at {@code nowNanos}; returns the nanoseconds to wait before using them. */
  synchronized long reserve(long bytes, long nowNanos) {
    if (last == Long.MIN_VALUE) {
      tokens = capacity;
      last = nowNanos;
    }
    if (nowNanos > last) {
      tokens = Math.min(capacity, tokens + (nowNanos - last) * bytesPerNano);
      last = nowNanos;
    }
    tokens -= bytes;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / bytesPerNano);
  }
}
