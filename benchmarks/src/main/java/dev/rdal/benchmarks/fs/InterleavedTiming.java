package dev.rdal.benchmarks.fs;

import dev.rdal.benchmarks.ByteSum;
import dev.rdal.benchmarks.Medians;
import dev.rdal.benchmarks.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A paired check in one JVM: several implementations read the same file in turns of {@link #TURN} reads
 * each, over and over, so a machine whose speed drifts from second to second slows every one of them
 * alike, and each second yields one ratio per implementation to the first one named. The result is the
 * median of those per-second ratios after the first half of the run (the JIT's warm-up). It complements
 * JMH's forks, which give each implementation its own JVM and its own minutes: there the ratio can move
 * with the machine, here every implementation shares the machine, the heap and the JIT's profiles.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.rdal.benchmarks.fs.InterleavedTiming \
 *     raw_handoff,rdal_global_lent [bytes per read, default 16777216] [seconds, default 40]
 * </pre>
 *
 * Every read is checked against the file's checksum; wrong bytes stop the run. Not a substitute for the
 * JMH suites (no blackholes, no forks): use it to see a difference of a few percent that forks drown.
 */
public final class InterleavedTiming {

  /** Reads each implementation makes before the next one takes its turn. */
  static final int TURN = 20;

  private InterleavedTiming() {}

  /** One implementation's median ratio to the first one's time per read, and its median time per read. */
  record Row(String impl, double microsPerRead, double ratio) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: InterleavedTiming impl1,impl2,... [bytes] [seconds]; known: "
          + Implementations.available());
    }
    List<String> ids = List.of(args[0].split(","));
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 16 * TestFiles.MIB;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    for (Row r : run(ids, size, seconds, true)) {
      System.out.printf(Locale.ROOT, "%-24s %10.1f us/read %8.3f x %s%n", r.impl(), r.microsPerRead(), r.ratio(), ids.get(0));
    }
  }

  /**
   * Runs the turns for {@code seconds} and returns one row per implementation, in the order given.
   *
   * @param print whether to print each second's times as it ends
   */
  static List<Row> run(List<String> ids, int size, int seconds, boolean print) throws Exception {
    Path dir = TestFiles.newDirectory("rdal-interleaved");
    List<FsImplementation> impls = new ArrayList<>();
    try {
      byte[] content = TestFiles.place(dir.resolve("data.bin"), size);
      long expected = ByteSum.of(content, 0, size);
      for (String id : ids) {
        impls.add(Implementations.create(id, dir, "-"));
      }
      ByteSum sink = new ByteSum();
      List<List<Double>> micros = new ArrayList<>();
      List<List<Double>> ratios = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        micros.add(new ArrayList<>());
        ratios.add(new ArrayList<>());
      }
      for (int s = 0; s < seconds; s++) {
        long[] nanos = new long[ids.size()];
        long[] reads = new long[ids.size()];
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
          for (int i = 0; i < impls.size(); i++) {
            long t = System.nanoTime();
            for (int k = 0; k < TURN; k++) {
              impls.get(i).read("data.bin", 0, size, sink.reset());
              if (sink.value() != expected) {
                throw new IllegalStateException(ids.get(i) + " read wrong bytes (checksum "
                    + Long.toHexString(sink.value()) + ", expected " + Long.toHexString(expected) + ")");
              }
            }
            nanos[i] += System.nanoTime() - t;
            reads[i] += TURN;
          }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "second %3d:", s + 1));
        double first = (double) nanos[0] / reads[0];
        for (int i = 0; i < ids.size(); i++) {
          double perRead = (double) nanos[i] / reads[i];
          line.append(String.format(Locale.ROOT, "  %s %.1f us", ids.get(i), perRead / 1e3));
          if (s >= seconds / 2) {
            micros.get(i).add(perRead / 1e3);
            ratios.get(i).add(first / perRead);
          }
        }
        if (print) {
          System.out.println(line);
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        rows.add(new Row(ids.get(i), Medians.of(micros.get(i)), Medians.of(ratios.get(i))));
      }
      return rows;
    } finally {
      for (FsImplementation f : impls) {
        f.close();
      }
      TestFiles.deleteTree(dir);
    }
  }
}
