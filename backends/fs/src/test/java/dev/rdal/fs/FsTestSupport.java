package dev.rdal.fs;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Shared helpers of the fs tests: operators over a directory, file content, and open-descriptor counts. */
final class FsTestSupport {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private FsTestSupport() {}

  static Operator operator(Path root, ExecutionPolicy policy) {
    return Operator.builder(new FsBackend(FsOptions.of(root))).executionPolicy(policy).build();
  }

  static Operator operator(FsOptions options, ExecutionPolicy policy) {
    return Operator.builder(new FsBackend(options)).executionPolicy(policy).build();
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] bytesOf(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /**
   * The number of descriptors this JVM holds open on files and directories (Linux), jars, sockets and
   * pipes left out; see {@link FsKitSupport#storeDescriptors()}.
   */
  static int openFileDescriptors() {
    return FsKitSupport.storeDescriptors().size();
  }

  /**
   * Waits until {@code condition} holds, for state another thread reaches without a signal to wait on;
   * spins with yields, never sleeps, and fails after {@link #TIMEOUT}.
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

  /**
   * Waits until {@code count} drops to at most {@code expected}, for closes that finish on another
   * thread (a cancel seen by an IO worker closes the file when its read returns); returns the last count.
   * Spins with yields, bounded by {@code timeout}; never sleeps.
   */
  static int awaitAtMost(IntSupplier count, int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int n = count.getAsInt();
    while (n > expected && System.nanoTime() < deadline) {
      Thread.yield();
      n = count.getAsInt();
    }
    return n;
  }
}
