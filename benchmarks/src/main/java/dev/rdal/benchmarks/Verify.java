package dev.rdal.benchmarks;

/** The once-per-fork correctness check of every benchmark: wrong bytes stop the run with a clear message. */
final class Verify {

  private Verify() {}

  static void checksum(String impl, String benchmark, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException(impl + " " + benchmark + " produced checksum "
          + Long.toHexString(actual) + ", expected " + Long.toHexString(expected) + ": wrong bytes");
    }
  }
}
