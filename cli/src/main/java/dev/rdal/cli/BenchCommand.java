package dev.rdal.cli;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rdal bench}: a few seconds of the fs read check on the local disk. A file is written, then read
 * whole in paired rounds, alternately by a raw {@link FileChannel} loop into one reused direct buffer and by
 * rdal's fs backend (lent buffers), each feeding a consumer that reads every byte. Prints the medians in
 * GiB/s and the median of the per-round ratios rdal/raw.
 */
@Command(name = "bench", description = "Measure fs reads on the local disk for a few seconds: GiB/s and the "
    + "ratio to a raw FileChannel loop, in paired rounds.")
final class BenchCommand extends StoreCommand {

  @Option(names = "--dir", paramLabel = "DIR", description = "Where the test file goes (default: the temp dir).")
  Path dir;

  @Option(names = "--size", paramLabel = "BYTES", defaultValue = "256m", description = "Test file size (default 256m).")
  String size;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "3", description = "How long to measure (default 3).")
  int seconds;

  @Override
  void run() {
    long bytes;
    try {
      bytes = Sizes.parse(size);
    } catch (RuntimeException e) {
      throw CliFailure.of(ErrorKind.INVALID_INPUT, null, "--size must be a size such as 256m, was '" + size + "'");
    }
    if (bytes < 1 << 20 || seconds < 1) {
      throw CliFailure.of(ErrorKind.INVALID_INPUT, null, "--size must be at least 1m and --seconds at least 1");
    }
    Path where = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
    Path file = null;
    PrintStream out = cli().out;
    try (Operator op = Operator.of(where.toAbsolutePath().toUri().toString().replaceFirst("^file:", "fs:"))) {
      file = Files.createTempFile(where, "rdal-bench-", ".bin");
      Path f = file;
      fill(f, bytes);
      String name = f.getFileName().toString();
      List<Double> raw = new ArrayList<>();
      List<Double> rdal = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
      rawRead(f, buffer);
      rdalRead(op, name);
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end || raw.size() < 3) {
        double r = gibs(bytes, time(() -> rawRead(f, buffer)));
        double d = gibs(bytes, time(() -> rdalRead(op, name)));
        raw.add(r);
        rdal.add(d);
        ratios.add(d / r);
      }
      out.printf(Locale.ROOT, "fs read of %s in %s, %d paired rounds%n", Sizes.bytes(bytes), where, raw.size());
      out.printf(Locale.ROOT, "raw FileChannel loop  %6.2f GiB/s%n", median(raw));
      out.printf(Locale.ROOT, "rdal fs (lent)        %6.2f GiB/s%n", median(rdal));
      out.printf(Locale.ROOT, "ratio rdal/raw        %6.2f (median of the rounds' ratios)%n", median(ratios));
    } catch (IOException e) {
      throw CliFailure.of(ErrorKind.UNEXPECTED, where.toString(), "cannot write the test file: " + e.getMessage());
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          cli().err.println("rdal: could not delete " + file);
        }
      }
    }
  }

  private static void fill(Path file, long bytes) throws IOException {
    byte[] chunk = new byte[1 << 20];
    ThreadLocalRandom.current().nextBytes(chunk);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (long done = 0; done < bytes; ) {
        ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, bytes - done));
        done += b.remaining();
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    }
  }

  private static long sink;

  private static void consume(ByteBuffer b) {
    long acc = 0;
    ByteBuffer d = b.duplicate();
    while (d.remaining() >= 8) {
      acc ^= d.getLong();
    }
    while (d.hasRemaining()) {
      acc ^= d.get();
    }
    sink += acc;
  }

  private static void rawRead(Path file, ByteBuffer buffer) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      buffer.clear();
      while (ch.read(buffer) >= 0) {
        buffer.flip();
        consume(buffer);
        buffer.clear();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void rdalRead(Operator op, String name) {
    op.read(name, ReadOptions.defaults().withLentBuffers(true)).doOnNext(BenchCommand::consume).blockLast();
  }

  private static long time(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return System.nanoTime() - t0;
  }

  private static double gibs(long bytes, long nanos) {
    return bytes / (double) (1L << 30) / (nanos / 1e9);
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
