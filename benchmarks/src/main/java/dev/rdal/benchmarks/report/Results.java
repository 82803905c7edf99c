package dev.rdal.benchmarks.report;

import dev.rdal.benchmarks.FsBenchmarks;
import dev.rdal.benchmarks.FsParallelBenchmarks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH's JSON results turned into what the report shows: throughput rows (GiB/s median with error and
 * the ratio to the reference of the same benchmark in the same run) and isolation latency rows.
 */
final class Results {

  private static final double GIB = 1 << 30;
  static final String REFERENCE = "raw";

  /** One benchmark x implementation throughput result. */
  record Throughput(String benchmark, String impl, double medianGiBps, double errorGiBps,
      double meanGiBps, double ratio) {}

  /** One isolation result: latency percentiles of the fast backend's small reads, in microseconds. */
  record Latency(String schedulers, double p50, double p90, double p99, double p999, double max, long samples) {}

  final List<Throughput> throughput = new ArrayList<>();
  final List<Latency> latency = new ArrayList<>();

  @SuppressWarnings("unchecked")
  static Results from(List<Object> jmh) {
    Results r = new Results();
    List<Throughput> raw = new ArrayList<>();
    for (Object o : jmh) {
      Map<String, Object> run = (Map<String, Object>) o;
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
        r.latency.add(new Latency(String.valueOf(params.getOrDefault("schedulers", method)),
            num(pct.get("50.0")) * toMicros, num(pct.get("90.0")) * toMicros, num(pct.get("99.0")) * toMicros,
            num(pct.get("99.9")) * toMicros, num(pct.get("100.0")) * toMicros, n));
        continue;
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
      } else {
        continue;
      }
      double perSecond = perSecond((String) metric.get("scoreUnit"));
      double toGiBps = bytes * perSecond / GIB;
      String impl = String.valueOf(params.getOrDefault("impl", "?"));
      Object cfg = params.get("rdalConfig");
      if (cfg != null && !"-".equals(cfg)) {
        impl = impl + "[" + cfg + "]";
      }
      double median = pct.containsKey("50.0") ? num(pct.get("50.0")) : num(metric.get("score"));
      raw.add(new Throughput(name, impl, median * toGiBps, num(metric.get("scoreError")) * toGiBps,
          num(metric.get("score")) * toGiBps, Double.NaN));
    }
    Map<String, Double> reference = new LinkedHashMap<>();
    for (Throughput t : raw) {
      if (t.impl().equals(REFERENCE)) {
        reference.put(t.benchmark(), t.medianGiBps());
      }
    }
    for (Throughput t : raw) {
      Double ref = reference.get(t.benchmark());
      r.throughput.add(new Throughput(t.benchmark(), t.impl(), t.medianGiBps(), t.errorGiBps(), t.meanGiBps(),
          ref == null || ref == 0 ? Double.NaN : t.medianGiBps() / ref));
    }
    r.throughput.sort(Comparator.comparing((Throughput t) -> benchmarkOrder(t.benchmark()))
        .thenComparing(t -> implOrder(t.impl())).thenComparing(Throughput::impl));
    return r;
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
    List<String> order = List.of("fs/read", "fs/buf_read", "fs/range_read", "fs/read_half", "fs/write");
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
        "spring", "opendal_blocking", "opendal_async");
    String base = impl.contains("[") ? impl.substring(0, impl.indexOf('[')) : impl;
    int i = order.indexOf(base);
    return i < 0 ? order.size() : i;
  }
}
