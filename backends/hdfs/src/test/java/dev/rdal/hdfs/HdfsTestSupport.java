package dev.rdal.hdfs;

import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** Shared helpers of the hdfs tests. */
final class HdfsTestSupport {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private HdfsTestSupport() {}

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /**
   * Waits until {@code condition} holds, for state another thread reaches without a signal to wait on
   * (a close handed to another thread); spins with yields, never sleeps, and fails after
   * {@link #TIMEOUT}.
   */
  static void awaitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + TIMEOUT);
      }
      Thread.yield();
    }
  }
}
