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
   * The descriptors this JVM holds on files below {@code root}. Only those: the JVM-wide count moves
   * whenever another thread loads a library, reads a random seed or closes a file of an earlier test.
   */
  static int openFileDescriptors(Path root) {
    String prefix;
    try {
      prefix = root.toRealPath() + "/";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) FsKitSupport.storeDescriptors().stream().filter(t -> t.startsWith(prefix)).count();
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
