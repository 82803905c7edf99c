package dev.rdal.spring.webflux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Waits for state other threads reach without a signal to wait on, and looks at open files. */
final class Await {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Await() {}

  /** Spins with yields (never sleeps) until {@code condition} holds; fails after 30 s naming {@code what}. */
  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + TIMEOUT + ": " + what);
      }
      Thread.yield();
    }
  }

  /** The targets of this process's open file descriptors that lie below {@code dir} (Linux). */
  static List<String> openFilesBelow(Path dir) {
    String prefix = dir.toAbsolutePath().toString();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          return ""; // closed while listed
        }
      }).filter(t -> t.startsWith(prefix)).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names in {@code dir} (not recursive). */
  static List<String> names(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
