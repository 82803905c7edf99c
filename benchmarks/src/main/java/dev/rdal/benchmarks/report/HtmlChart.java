package dev.rdal.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline SVG, no scripts, no external files) showing one run: a bar per
 * benchmark and implementation (GiB/s median, error whisker, ratio to raw), the isolation percentiles
 * and the memory check.
 */
final class HtmlChart {

  private static final int LABEL_W = 300;
  private static final int BAR_W = 560;
  private static final int ROW_H = 18;

  private HtmlChart() {}

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String color(String impl) {
    if (impl.startsWith("raw")) return "#555";
    if (impl.startsWith("rdal")) return "#1f77b4";
    if (impl.startsWith("spring")) return "#2ca02c";
    if (impl.startsWith("opendal")) return "#ff7f0e";
    return "#9467bd";
  }

  static String page(String title, Results r, List<Failures.Failure> failures, Map<String, Object> memory,
      Map<String, String> machine) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}"
            + "td,th{padding:2px 10px;text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}"
            + "text{font-size:12px;font-family:sans-serif}</style></head><body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(Machine.oneLine(machine))).append("</p>\n");
    if (!r.throughput.isEmpty()) {
      int rounds = r.throughput.stream().mapToInt(Results.Throughput::rounds).max().orElse(1);
      h.append(rounds > 1
          ? "<h2>Throughput (GiB/s, median over " + rounds + " rounds of each fork's median; whisker: median 99.9% error;"
              + " label: median of the ratios to raw paired round by round, and their range)</h2>\n"
          : "<h2>Throughput (GiB/s, median of iterations; whisker: 99.9% error; label: ratio to raw)</h2>\n");
      h.append(throughputSvg(r.throughput));
    }
    if (!r.latency.isEmpty()) {
      h.append("<h2>Isolation: latency of small reads while another backend is saturated (µs)</h2>\n");
      h.append("<table><tr><th>schedulers</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th>"
          + "<th>samples</th></tr>\n");
      for (Results.Latency l : r.latency) {
        h.append("<tr><td>").append(esc(l.schedulers())).append("</td><td>").append(Report.fmt(l.p50()))
            .append("</td><td>").append(Report.fmt(l.p90())).append("</td><td>").append(Report.fmt(l.p99()))
            .append("</td><td>").append(Report.fmt(l.p999())).append("</td><td>").append(Report.fmt(l.max()))
            .append("</td><td>").append(l.samples()).append("</td></tr>\n");
      }
      h.append("</table>\n").append(latencySvg(r.latency));
    }
    if (!memory.isEmpty()) {
      h.append("<h2>Memory check</h2>\n<table>\n");
      memory.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
          .append(esc(String.valueOf(v))).append("</td></tr>\n"));
      h.append("</table>\n");
    }
    if (!failures.isEmpty()) {
      h.append("<h2>Failed runs</h2>\n<ul>\n");
      for (Failures.Failure f : failures) {
        h.append("<li><b>").append(esc(f.benchmark())).append("</b> (").append(esc(f.params())).append("): ")
            .append(esc(f.message())).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static String throughputSvg(List<Results.Throughput> rows) {
    double max = 0;
    for (Results.Throughput t : rows) {
      max = Math.max(max, finite(t.medianGiBps()) + finite(t.errorGiBps()));
    }
    max = max <= 0 ? 1 : max;
    Map<String, List<Results.Throughput>> groups = new LinkedHashMap<>();
    for (Results.Throughput t : rows) {
      groups.computeIfAbsent(t.benchmark(), k -> new ArrayList<>()).add(t);
    }
    int height = 10;
    for (List<Results.Throughput> g : groups.values()) {
      height += ROW_H + g.size() * ROW_H + 8;
    }
    StringBuilder s = new StringBuilder();
    int width = LABEL_W + BAR_W + 140;
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n",
        width, height));
    int y = 10;
    for (Map.Entry<String, List<Results.Throughput>> g : groups.entrySet()) {
      s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y + 13,
          esc(g.getKey())));
      y += ROW_H;
      for (Results.Throughput t : g.getValue()) {
        double w = finite(t.medianGiBps()) / max * BAR_W;
        double e = finite(t.errorGiBps()) / max * BAR_W;
        s.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\">%s</text>%n", y + 12, esc(t.impl())));
        s.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s: %s GiB/s</title></rect>%n",
            LABEL_W, y + 2, w, ROW_H - 4, color(t.impl()), esc(t.benchmark()), esc(t.impl()),
            Report.fmt(t.medianGiBps())));
        if (e > 0) {
          s.append(String.format(Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\"/>%n",
              LABEL_W + Math.max(0, w - e), LABEL_W + w + e, y + ROW_H / 2, y + ROW_H / 2));
        }
        String range = t.rounds() > 1 ? " (" + Report.fmt(t.ratioLow()) + "-" + Report.fmt(t.ratioHigh()) + ")" : "";
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s GiB/s  %sx%s</text>%n",
            LABEL_W + w + e + 6, y + 12, Report.fmt(t.medianGiBps()), Report.fmt(t.ratio()), range));
        y += ROW_H;
      }
      y += 8;
    }
    return s.append("</svg>\n").toString();
  }

  private static String latencySvg(List<Results.Latency> rows) {
    double max = 1;
    for (Results.Latency l : rows) {
      max = Math.max(max, finite(l.p99()));
    }
    double logMax = Math.log10(max) + 0.5;
    int height = 20 + rows.size() * 2 * ROW_H + 20;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<p>log scale: p50 dark, p99 light</p><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n",
        LABEL_W + BAR_W + 140, height));
    int y = 10;
    for (Results.Latency l : rows) {
      for (int k = 0; k < 2; k++) {
        double v = k == 0 ? l.p50() : l.p99();
        double w = Math.max(1, Math.log10(Math.max(1, finite(v))) / logMax * BAR_W);
        s.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\">%s %s</text>%n", y + 12, esc(l.schedulers()),
            k == 0 ? "p50" : "p99"));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
            LABEL_W, y + 2, w, ROW_H - 4, k == 0 ? "#1f77b4" : "#9ecae1"));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s µs</text>%n", LABEL_W + w + 6, y + 12,
            Report.fmt(v)));
        y += ROW_H;
      }
    }
    return s.append("</svg>\n").toString();
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }
}
