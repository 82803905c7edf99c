package dev.rdal.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns one run's outputs into what a person reads: a table on stdout (per benchmark and
 * implementation, GiB/s median ± error and the ratio to the raw reference of the same run), the same
 * as {@code summary.json}, and {@code report.html}, a self-contained page with inline SVG charts.
 *
 * <pre>
 * java -cp benchmarks.jar dev.rdal.benchmarks.report.Report --dir results [--title text]
 * </pre>
 * reads every {@code jmh*.json} (JMH's {@code -rf json} output; files named {@code jmh-rN-*.json} belong
 * to round N of a paired run), every {@code jmh*.log} (for failures) and {@code memory.json} (the
 * streaming heap check) from the directory, whichever exist.
 */
public final class Report {

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of("results");
    String title = "rdal benchmarks";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir": dir = Path.of(args[++i]); break;
        case "--title": title = args[++i]; break;
        default: throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: --dir DIR [--title T]");
      }
    }
    SortedMap<Integer, List<Object>> rounds = new TreeMap<>();
    for (Path f : files(dir, ".json")) {
      if (Files.size(f) > 0) {
        @SuppressWarnings("unchecked")
        List<Object> runs = (List<Object>) Json.parse(Files.readString(f));
        rounds.computeIfAbsent(round(f), k -> new ArrayList<>()).addAll(runs);
      }
    }
    Results results = Results.fromRounds(rounds);
    List<Failures.Failure> failures = new ArrayList<>();
    for (Path f : files(dir, ".log")) {
      failures.addAll(Failures.fromLog(Files.readAllLines(f, StandardCharsets.UTF_8)));
    }
    Map<String, Object> memory = new LinkedHashMap<>();
    Path mem = dir.resolve("memory.json");
    if (Files.exists(mem)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(mem));
      memory = m;
    }
    Map<String, String> machine = Machine.describe();
    String table = table(results, failures, memory, machine);
    System.out.print(table);
    Files.writeString(dir.resolve("table.txt"), table);
    Files.writeString(dir.resolve("summary.json"), summaryJson(title, results, failures, memory, machine));
    Files.writeString(dir.resolve("report.html"), HtmlChart.page(title, results, failures, memory, machine));
    System.out.println("wrote " + dir.resolve("summary.json") + " and " + dir.resolve("report.html"));
  }

  private static final Pattern ROUND_FILE = Pattern.compile("jmh-r(\\d+)-.*");

  /** The round a JMH output file belongs to: N for {@code jmh-rN-*.json} (written by {@code --rounds}), else 0. */
  static int round(Path file) {
    Matcher m = ROUND_FILE.matcher(file.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The directory's {@code jmh*} files ending in {@code suffix}, sorted by name. */
  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith("jmh") && p.getFileName().toString().endsWith(suffix))
          .sorted().collect(Collectors.toList());
    }
  }

  static String fmt(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "?";
  }

  static String table(Results r, List<Failures.Failure> failures, Map<String, Object> memory,
      Map<String, String> machine) {
    StringBuilder b = new StringBuilder();
    b.append("machine: ").append(Machine.oneLine(machine)).append('\n').append('\n');
    if (!r.throughput.isEmpty()) {
      int rounds = r.throughput.stream().mapToInt(Results.Throughput::rounds).max().orElse(1);
      if (rounds > 1) {
        b.append("paired over ").append(rounds).append(" rounds: GiB/s is the median of the rounds' medians; x raw is the"
            + " median of each round's ratio to raw's fork of the same round, its range in brackets\n");
      }
      b.append(String.format(Locale.ROOT, "%-34s %-34s %18s %8s%n", "benchmark", "implementation",
          "GiB/s (median±err)", "x raw"));
      String last = "";
      for (Results.Throughput t : r.throughput) {
        String name = t.benchmark().equals(last) ? "" : t.benchmark();
        last = t.benchmark();
        String ratio = fmt(t.ratio());
        if (rounds > 1) {
          ratio += " (" + fmt(t.ratioLow()) + "-" + fmt(t.ratioHigh()) + ")" + (t.rounds() < rounds ? " " + t.rounds() + " rounds" : "");
        }
        b.append(String.format(Locale.ROOT, "%-34s %-34s %18s %8s%n", name, t.impl(),
            fmt(t.medianGiBps()) + " ± " + fmt(t.errorGiBps()), ratio));
      }
      b.append('\n');
    }
    if (!r.latency.isEmpty()) {
      b.append("isolation: small reads of one backend while another is saturated with slow reads (µs)\n");
      b.append(String.format(Locale.ROOT, "%-16s %10s %10s %10s %10s %10s %10s%n", "schedulers", "p50", "p90",
          "p99", "p99.9", "max", "samples"));
      for (Results.Latency l : r.latency) {
        b.append(String.format(Locale.ROOT, "%-16s %10s %10s %10s %10s %10s %10d%n", l.schedulers(), fmt(l.p50()),
            fmt(l.p90()), fmt(l.p99()), fmt(l.p999()), fmt(l.max()), l.samples()));
      }
      b.append('\n');
    }
    if (!memory.isEmpty()) {
      b.append("memory check:\n");
      memory.forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v instanceof Double d
          && d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(v)).append('\n'));
      b.append('\n');
    }
    if (!failures.isEmpty()) {
      b.append("failed (see jmh.log):\n");
      for (Failures.Failure f : failures) {
        b.append("  ").append(f.benchmark()).append(" (").append(f.params()).append("): ").append(f.message())
            .append('\n');
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String summaryJson(String title, Results r, List<Failures.Failure> failures, Map<String, Object> memory,
      Map<String, String> machine) {
    StringBuilder b = new StringBuilder("{\n  \"title\": ").append(Json.quote(title)).append(",\n  \"machine\": {");
    String sep = "";
    for (Map.Entry<String, String> e : machine.entrySet()) {
      b.append(sep).append(Json.quote(e.getKey())).append(": ").append(Json.quote(e.getValue()));
      sep = ", ";
    }
    b.append("},\n  \"throughput\": [");
    sep = "\n";
    for (Results.Throughput t : r.throughput) {
      b.append(sep).append("    {\"benchmark\": ").append(Json.quote(t.benchmark()))
          .append(", \"impl\": ").append(Json.quote(t.impl()))
          .append(", \"gibps_median\": ").append(Json.number(t.medianGiBps()))
          .append(", \"gibps_error\": ").append(Json.number(t.errorGiBps()))
          .append(", \"gibps_mean\": ").append(Json.number(t.meanGiBps()))
          .append(", \"ratio_to_raw\": ").append(Json.number(t.ratio()))
          .append(", \"rounds\": ").append(t.rounds())
          .append(", \"ratio_low\": ").append(Json.number(t.ratioLow()))
          .append(", \"ratio_high\": ").append(Json.number(t.ratioHigh())).append('}');
      sep = ",\n";
    }
    b.append("\n  ],\n  \"isolation_us\": [");
    sep = "\n";
    for (Results.Latency l : r.latency) {
      b.append(sep).append("    {\"schedulers\": ").append(Json.quote(l.schedulers()))
          .append(", \"p50\": ").append(Json.number(l.p50())).append(", \"p90\": ").append(Json.number(l.p90()))
          .append(", \"p99\": ").append(Json.number(l.p99())).append(", \"p99_9\": ").append(Json.number(l.p999()))
          .append(", \"max\": ").append(Json.number(l.max())).append(", \"samples\": ").append(l.samples()).append('}');
      sep = ",\n";
    }
    b.append("\n  ],\n  \"memory\": {");
    sep = "";
    for (Map.Entry<String, Object> e : memory.entrySet()) {
      Object v = e.getValue();
      b.append(sep).append(Json.quote(e.getKey())).append(": ")
          .append(v instanceof Number n ? Json.number(n.doubleValue()) : Json.quote(String.valueOf(v)));
      sep = ", ";
    }
    b.append("},\n  \"failures\": [");
    sep = "\n";
    for (Failures.Failure f : failures) {
      b.append(sep).append("    {\"benchmark\": ").append(Json.quote(f.benchmark())).append(", \"params\": ")
          .append(Json.quote(f.params())).append(", \"message\": ").append(Json.quote(f.message())).append('}');
      sep = ",\n";
    }
    return b.append("\n  ]\n}\n").toString();
  }
}
