package dev.rdal.benchmarks.memory;

import dev.rdal.ByteRange;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import dev.rdal.benchmarks.ByteSum;
import dev.rdal.benchmarks.TestFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The memory check, meant to run in its own JVM with a small heap ({@code -Xmx64m}): streams a sparse
 * file (4 GiB by default) through rdal's fs backend, with owned buffers (the default) and with lent
 * buffers, and checks every byte arrived, then makes 100,000
 * small range reads and measures the used heap after a full GC at the start and at the end (it should
 * stay flat). Writes its figures as one JSON object.
 *
 * <pre>
 * java -Xmx64m -cp benchmarks.jar dev.rdal.benchmarks.memory.StreamingHeapCheck --out memory.json \
 *     [--gib 4] [--reads 100000]
 * </pre>
 * Exits non-zero when the fs backend is missing, a byte is missing, or the heap grew by more than 8 MiB.
 */
public final class StreamingHeapCheck {

  private static final long ALLOWED_GROWTH = 8L << 20;

  private StreamingHeapCheck() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("memory.json");
    long gib = 4;
    int reads = 100_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out": out = Path.of(args[++i]); break;
        case "--gib": gib = Long.parseLong(args[++i]); break;
        case "--reads": reads = Integer.parseInt(args[++i]); break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    if (!Operator.knownSchemes().contains("fs")) {
      r.put("status", "skipped: the fs backend is not on the class path");
      write(out, r);
      System.out.println("memory check skipped: no fs backend");
      return;
    }
    Path dir = TestFiles.newDirectory("rdal-bench-mem");
    boolean ok = false;
    try (Operator op = Operator.builder("fs").config("root", dir.toString()).build()) {
      long size = gib << 30;
      try (RandomAccessFile f = new RandomAccessFile(dir.resolve("sparse.bin").toFile(), "rw")) {
        f.setLength(size);
      }
      resetPeaks();
      long t0 = System.nanoTime();
      ByteSum sum = new ByteSum();
      op.read("sparse.bin").doOnNext(sum::add).blockLast(Duration.ofMinutes(10));
      double secs = (System.nanoTime() - t0) / 1e9;
      r.put("stream_bytes", sum.count());
      r.put("stream_complete", sum.count() == size);
      r.put("stream_gibps", round(size / secs / (1 << 30)));
      r.put("stream_peak_heap_mib", peakHeap() >> 20);

      resetPeaks();
      t0 = System.nanoTime();
      ByteSum lent = new ByteSum();
      op.read("sparse.bin", ReadOptions.defaults().withLentBuffers(true)).doOnNext(lent::add)
          .blockLast(Duration.ofMinutes(10));
      secs = (System.nanoTime() - t0) / 1e9;
      r.put("stream_lent_complete", lent.count() == size);
      r.put("stream_lent_gibps", round(size / secs / (1 << 30)));
      r.put("stream_lent_peak_heap_mib", peakHeap() >> 20);

      byte[] small = TestFiles.content(1 << 20);
      Files.write(dir.resolve("small.bin"), small);
      SplittableRandom rnd = new SplittableRandom(7);
      long before = usedAfterGc();
      long checksumErrors = 0;
      for (int i = 0; i < reads; i++) {
        int pos = rnd.nextInt(small.length - 4096);
        ByteSum s = new ByteSum();
        op.read("small.bin", ByteRange.of(pos, 4096)).doOnNext(s::add).blockLast(Duration.ofSeconds(30));
        if (s.value() != ByteSum.of(small, pos, 4096)) {
          checksumErrors++;
        }
      }
      long after = usedAfterGc();
      r.put("reads", reads);
      r.put("reads_wrong_bytes", checksumErrors);
      r.put("heap_used_after_gc_start_kib", before >> 10);
      r.put("heap_used_after_gc_end_kib", after >> 10);
      r.put("heap_growth_kib", (after - before) >> 10);
      ok = sum.count() == size && lent.count() == size && checksumErrors == 0 && after - before < ALLOWED_GROWTH;
      r.put("status", ok ? "ok" : "FAILED");
    } finally {
      TestFiles.deleteTree(dir);
    }
    write(out, r);
    System.out.println("memory check: " + r);
    if (!ok) {
      System.exit(1);
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void write(Path out, Map<String, Object> r) throws IOException {
    StringBuilder b = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<String, Object> e : r.entrySet()) {
      Object v = e.getValue();
      String value = v instanceof Number || v instanceof Boolean ? String.valueOf(v)
          : "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      b.append(sep).append('"').append(e.getKey()).append("\": ").append(value);
      sep = ", ";
    }
    Files.writeString(out, b.append("}\n").toString());
  }
}
