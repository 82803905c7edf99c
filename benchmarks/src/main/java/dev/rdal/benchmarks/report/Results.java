package dev.rdal.benchmarks.report;

import dev.rdal.benchmarks.FsBenchmarks;
import dev.rdal.benchmarks.HdfsBenchmarks;
import dev.rdal.benchmarks.FsParallelBenchmarks;
import dev.rdal.benchmarks.Medians;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JMH's JSON results turned into what the report shows: throughput rows (GiB/s median with error and
 * the ratio to the reference of the same benchmark in the same run, or, over several rounds, the median
 * of the ratios paired round by round) and isolation latency rows.
 */
final class Results {

  private static final double GIB = 1 << 30;
  static final String REFERENCE = "raw";

  /**
   * One benchmark x implementation throughput result. With one round, the figures of its one fork and
   * {@code ratio} its median over the reference's. With several rounds, {@code medianGiBps},
   * {@code errorGiBps} and {@code meanGiBps} are the medians over rounds of each round's figures, and
   * {@code ratio} is the median of the paired ratios (each round's median over the reference's median of
   * the same benchmark in the same round), {@code ratioLow}..{@code ratioHigh} their range.
   */
  record Throughput(String benchmark, String impl, double medianGiBps, double errorGiBps,
      double meanGiBps, double ratio, int rounds, double ratioLow, double ratioHigh) {

    /** A single-round result. */
    Throughput(String benchmark, String impl, double medianGiBps, double errorGiBps, double meanGiBps, double ratio) {
      this(benchmark, impl, medianGiBps, errorGiBps, meanGiBps, ratio, 1, ratio, ratio);
    }
  }

  /** One isolation result: latency percentiles of the fast backend's small reads, in microseconds. */
  record Latency(String schedulers, double p50, double p90, double p99, double p999, double max, long samples) {}

  final List<Throughput> throughput = new ArrayList<>();
  final List<Latency> latency = new ArrayList<>();

  /** The results of one run of JMH's JSON output (one round). */
  static Results from(List<Object> jmh) {
    return fromRounds(new TreeMap<>(Map.of(0, jmh)));
  }

  /**
   * The results of JMH's JSON output gathered in rounds (see {@code benchmarks/run --rounds}): each
   * implementation's ratio is paired with the reference's fork of the same benchmark and round, so a
   * machine whose speed drifts between forks moves both sides of each ratio alike.
   */
  @SuppressWarnings("unchecked")
  static Results fromRounds(SortedMap<Integer, List<Object>> rounds) {
    Results r = new Results();
    Map<String, Map<Integer, Throughput>> byRow = new LinkedHashMap<>(); // benchmark \0 impl -> round -> fork
    for (Map.Entry<Integer, List<Object>> round : rounds.entrySet()) {
      for (Object o : round.getValue()) {
        Map<String, Object> run = (Map<String, Object>) o;
        Throughput t = r.parse(run);
        if (t != null) {
          byRow.computeIfAbsent(t.benchmark() + '\0' + t.impl(), k -> new TreeMap<>()).put(round.getKey(), t);
        }
      }
    }
    for (Map<Integer, Throughput> forks : byRow.values()) {
      Throughput any = forks.values().iterator().next();
      Map<Integer, Throughput> reference = byRow.getOrDefault(any.benchmark() + '\0' + REFERENCE, Map.of());
      List<Double> ratios = new ArrayList<>();
      for (Map.Entry<Integer, Throughput> f : forks.entrySet()) {
        Throughput ref = reference.get(f.getKey());
        if (ref != null && ref.medianGiBps() > 0 && Double.isFinite(f.getValue().medianGiBps())) {
          ratios.add(f.getValue().medianGiBps() / ref.medianGiBps());
        }
      }
      Collections.sort(ratios);
      r.throughput.add(new Throughput(any.benchmark(), any.impl(),
          Medians.of(forks.values().stream().map(Throughput::medianGiBps).toList()),
          Medians.of(forks.values().stream().map(Throughput::errorGiBps).toList()),
          Medians.of(forks.values().stream().map(Throughput::meanGiBps).toList()),
          Medians.of(ratios), forks.size(),
          ratios.isEmpty() ? Double.NaN : ratios.get(0), ratios.isEmpty() ? Double.NaN : ratios.get(ratios.size() - 1)));
    }
    r.throughput.sort(Comparator.comparing((Throughput t) -> benchmarkOrder(t.benchmark()))
        .thenComparing(t -> implOrder(t.impl())).thenComparing(Throughput::impl));
    return r;
  }

  /** One JMH run as a throughput row (ratio not yet known), or null; a latency run is added to this. */
  @SuppressWarnings("unchecked")
  private Throughput parse(Map<String, Object> run) {
    String fqn = (String) run.get("benchmark");
    Map<String, Object> params = (Map<String, Object>) run.getOrDefault("params", Map.of());
    Map<String, Object> metric = (Map<String, Object>) run.get("primaryMetric");
    Map<String, Object> pct = (Map<String, Object>) metric.getOrDefault("scorePercentiles", Map.of());
    String cls = simpleClass(fqn);
    String method = fqn.substring(fqn.lastIndexOf('.') + 1);
    if ("SampleTime".equalsIgnoreCase((String) run.get("mode")) || "sample".equals(run.get("mode"))) {
      double toMicros = unitToMicros((String) metric.get("scoreUnit"));
      long n = 0;
      for (Object hist : (List<Object>) metric.getOrDefault("rawDataHistogram", List.of())) {
        for (Object iter : (List<Object>) hist) {
          for (Object bin : (List<Object>) iter) {
            n += ((Number) ((List<Object>) bin).get(1)).longValue();
          }
        }
      }
      latency.add(new Latency(String.valueOf(params.getOrDefault("schedulers", method)),
          num(pct.get("50.0")) * toMicros, num(pct.get("90.0")) * toMicros, num(pct.get("99.0")) * toMicros,
          num(pct.get("99.9")) * toMicros, num(pct.get("100.0")) * toMicros, n));
      return null;
    }
    String name;
    long bytes;
    if (cls.equals(FsParallelBenchmarks.class.getSimpleName())) {
      int readers = Integer.parseInt(String.valueOf(params.get("readers")));
      name = "fs_parallel/" + method + "_" + readers;
      bytes = (long) readers * FsParallelBenchmarks.RANGE;
    } else if (cls.equals(FsBenchmarks.class.getSimpleName())) {
      name = "fs/" + method;
      bytes = method.equals("range_read") || method.equals("read_half") ? FsBenchmarks.HALF : FsBenchmarks.FILE_SIZE;
    } else if (cls.equals(HdfsBenchmarks.class.getSimpleName())) {
      name = "hdfs/" + method;
      bytes = method.equals("range_read") || method.equals("read_half") ? FsBenchmarks.HALF : FsBenchmarks.FILE_SIZE;
    } else {
      return null;
    }
    double perSecond = perSecond((String) metric.get("scoreUnit"));
    double toGiBps = bytes * perSecond / GIB;
    String impl = String.valueOf(params.getOrDefault("impl", "?"));
    Object cfg = params.get("rdalConfig");
    if (cfg != null && !"-".equals(cfg)) {
      impl = impl + "[" + cfg + "]";
    }
    double median = pct.containsKey("50.0") ? num(pct.get("50.0")) : num(metric.get("score"));
    return new Throughput(name, impl, median * toGiBps, num(metric.get("scoreError")) * toGiBps,
        num(metric.get("score")) * toGiBps, Double.NaN);
  }

  private static String simpleClass(String fqn) {
    String noMethod = fqn.substring(0, fqn.lastIndexOf('.'));
    return noMethod.substring(noMethod.lastIndexOf('.') + 1);
  }

  private static double num(Object o) {
    return o instanceof Number ? ((Number) o).doubleValue() : Double.NaN;
  }

  /** Operations per second of one unit of a throughput score ("ops/s", "ops/ms", ...). */
  static double perSecond(String unit) {
    String u = unit == null ? "ops/s" : unit;
    if (u.endsWith("/ms")) return 1e3;
    if (u.endsWith("/us")) return 1e6;
    if (u.endsWith("/ns")) return 1e9;
    if (u.endsWith("/min")) return 1.0 / 60;
    return 1;
  }

  /** Microseconds of one unit of a sample-time score ("us/op", "ms/op", ...). */
  static double unitToMicros(String unit) {
    String u = unit == null ? "us/op" : unit;
    if (u.startsWith("ns")) return 1e-3;
    if (u.startsWith("ms")) return 1e3;
    if (u.startsWith("s/")) return 1e6;
    return 1;
  }

  static String benchmarkOrder(String b) {
    List<String> order = List.of("fs/read", "fs/buf_read", "fs/range_read", "fs/read_half", "fs/write",
        "hdfs/read", "hdfs/range_read", "hdfs/read_half");
    int i = order.indexOf(b);
    if (i >= 0) {
      return "0" + i;
    }
    if (b.startsWith("fs_parallel/parallel_range_read_")) {
      return String.format("1%03d", Integer.parseInt(b.substring(b.lastIndexOf('_') + 1)));
    }
    return "2" + b;
  }

  static int implOrder(String impl) {
    List<String> order = List.of("raw", "raw_handoff", "rdal_external", "rdal_external_lent", "rdal_global", "rdal_global_lent",
        "rdal_dedicated", "rdal_dedicated_lent", "rdal_custom", "rdal_custom_lent",
        "spring", "opendal_blocking", "opendal_async", "rdal_hdfs", "rdal_hdfs_lent");
    String base = impl.contains("[") ? impl.substring(0, impl.indexOf('[')) : impl;
    int i = order.indexOf(base);
    return i < 0 ? order.size() : i;
  }
}
