package dev.rdal.fs;

import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A timing run (not a test): reads one 16 MiB file, in the page cache, through rdal's fs backend in each
 * buffer mode under the global and the dedicated policy, next to a raw {@link FileChannel} loop reading
 * into one reused page-aligned direct buffer, all feeding the same consumer that reads every byte.
 * Variants are interleaved round by round so they share the machine's state; each round reports MiB/s
 * and its ratio to the raw loop of the same round; the summary is the median over rounds.
 *
 * <p>Arguments: {@code [rounds] [readsPerRound] [chunkSizes...]} (defaults 15, 16, 1048576).
 */
public final class FsReadThroughput {

  private static final int FILE_SIZE = 16 << 20;
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static volatile long sink;

  private FsReadThroughput() {}

  /** The consumer every variant feeds: reads every byte (as longs) without changing the buffer. */
  private static long consume(ByteBuffer b) {
    long acc = 0;
    int i = b.position();
    int end = b.limit();
    for (; i + 8 <= end; i += 8) {
      acc ^= b.getLong(i);
    }
    for (; i < end; i++) {
      acc ^= b.get(i);
    }
    return acc;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int reads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int[] chunks = args.length > 2
        ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {FsDefaults.CHUNK_SIZE};
    Path dir = Files.createTempDirectory("rdal-fs-throughput");
    Files.write(dir.resolve("f.bin"), FsTestSupport.randomBytes(FILE_SIZE, 1));
    Map<String, Variant> variants = new LinkedHashMap<>();
    variants.put("raw FileChannel loop", rawLoop(dir.resolve("f.bin")));
    List<Operator> operators = new ArrayList<>();
    for (int chunk : chunks) {
      String c = chunks.length > 1 ? " chunk=" + (chunk >> 10) + "k" : "";
      for (String policy : new String[] {"global", "dedicated"}) {
        Operator op = FsTestSupport.operator(FsOptions.of(dir).withChunkSize(chunk),
            policy.equals("global") ? ExecutionPolicy.global() : ExecutionPolicy.dedicated());
        operators.add(op);
        variants.put("rdal owned " + policy + c, () -> rdal(op, false));
        variants.put("rdal lent  " + policy + c, () -> rdal(op, true));
      }
    }
    System.out.printf("JDK %s, %d cores, file %d MiB, %d reads per round, %d rounds (first %d are warm-up)%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), FILE_SIZE >> 20, reads, rounds, 3);
    Map<String, List<Double>> mibs = new LinkedHashMap<>();
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    for (int round = 0; round < rounds + 3; round++) {
      double raw = 0;
      for (Map.Entry<String, Variant> v : variants.entrySet()) {
        long t0 = System.nanoTime();
        for (int i = 0; i < reads; i++) {
          v.getValue().run();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double rate = (double) reads * FILE_SIZE / (1 << 20) / s;
        if (v.getKey().startsWith("raw")) raw = rate;
        if (round >= 3) {
          mibs.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(rate);
          ratios.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(rate / raw);
        }
      }
    }
    System.out.printf("%-32s %12s %14s%n", "variant", "MiB/s (med)", "x raw (med)");
    for (String k : variants.keySet()) {
      System.out.printf("%-32s %12.0f %14.2f%n", k, median(mibs.get(k)), median(ratios.get(k)));
    }
    operators.forEach(Operator::close);
    Files.delete(dir.resolve("f.bin"));
    Files.delete(dir);
    System.out.println("(checksum " + sink + ")");
  }

  private interface Variant {
    void run() throws Exception;
  }

  private static Variant rawLoop(Path file) {
    ByteBuffer buf = ByteBuffer.allocateDirect(FsDefaults.CHUNK_SIZE + 4096).alignedSlice(4096)
        .limit(FsDefaults.CHUNK_SIZE).slice();
    return () -> {
      long acc = 0;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long pos = 0;
        while (true) {
          buf.clear();
          int n = ch.read(buf, pos);
          if (n < 0) break;
          pos += n;
          acc ^= consume(buf.flip());
        }
      }
      sink += acc;
    };
  }

  private static void rdal(Operator op, boolean lent) {
    long[] acc = new long[1];
    op.read("f.bin", ReadOptions.defaults().withLentBuffers(lent))
        .doOnNext(b -> acc[0] ^= consume(b))
        .blockLast(TIMEOUT);
    sink += acc[0];
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
