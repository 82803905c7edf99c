package dev.rdal.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static String run(String bench, String params, double median, String error) {
    return "{\"benchmark\":\"dev.rdal.benchmarks." + bench + "\",\"mode\":\"thrpt\",\"params\":{" + params + "},"
        + "\"primaryMetric\":{\"score\":" + median + ",\"scoreError\":" + error + ",\"scoreUnit\":\"ops/s\","
        + "\"scorePercentiles\":{\"0.0\":1.0,\"50.0\":" + median + ",\"100.0\":2.0},\"rawData\":[[1.0]]}}";
  }

  private static final String JMH = "[" + String.join(",",
      run("FsBenchmarks.read", "\"impl\":\"raw\",\"rdalConfig\":\"-\"", 1024, "64"),
      run("FsBenchmarks.read", "\"impl\":\"spring\",\"rdalConfig\":\"-\"", 256, "NaN"),
      run("FsBenchmarks.range_read", "\"impl\":\"raw\",\"rdalConfig\":\"-\"", 1024, "0"),
      run("FsParallelBenchmarks.parallel_range_read", "\"readers\":\"4\",\"impl\":\"raw\",\"rdalConfig\":\"-\"", 32, "1"),
      "{\"benchmark\":\"dev.rdal.benchmarks.IsolationBenchmarks.small_read\",\"mode\":\"sample\","
          + "\"params\":{\"schedulers\":\"dedicated\"},\"primaryMetric\":{\"score\":12.5,\"scoreError\":1,"
          + "\"scoreUnit\":\"ms/op\",\"scorePercentiles\":{\"50.0\":0.01,\"90.0\":0.02,\"99.0\":0.5,\"99.9\":1.0,"
          + "\"100.0\":3.0},\"rawDataHistogram\":[[[[0.01,70],[0.5,30]]]]}}") + "]";

  @Test
  @SuppressWarnings("unchecked")
  void turnsJmhResultsIntoGibPerSecondRatiosAndLatencies() {
    Results r = Results.from((List<Object>) Json.parse(JMH));

    assertThat(r.throughput).extracting(Results.Throughput::benchmark)
        .containsExactly("fs/read", "fs/read", "fs/range_read", "fs_parallel/parallel_range_read_4");
    Results.Throughput raw = r.throughput.get(0);
    assertThat(raw.impl()).isEqualTo("raw");
    assertThat(raw.medianGiBps()).isCloseTo(16.0, within(1e-9)); // 1024 x 16 MiB per second
    assertThat(raw.errorGiBps()).isCloseTo(1.0, within(1e-9));
    assertThat(raw.ratio()).isCloseTo(1.0, within(1e-9));
    Results.Throughput spring = r.throughput.get(1);
    assertThat(spring.ratio()).isCloseTo(0.25, within(1e-9));
    assertThat(spring.errorGiBps()).isNaN();
    assertThat(r.throughput.get(2).medianGiBps()).isCloseTo(8.0, within(1e-9)); // 8 MiB per op
    assertThat(r.throughput.get(3).medianGiBps()).isCloseTo(1.0, within(1e-9)); // 4 x 8 MiB per op

    assertThat(r.latency).singleElement().satisfies(l -> {
      assertThat(l.schedulers()).isEqualTo("dedicated");
      assertThat(l.p50()).isCloseTo(10.0, within(1e-9)); // ms -> µs
      assertThat(l.p99()).isCloseTo(500.0, within(1e-9));
      assertThat(l.samples()).isEqualTo(100);
    });

    String table = Report.table(r, List.of(), Map.of(), Machine.describe());
    assertThat(table).contains("fs/read").contains("16.00 ± 1.00").contains("4.00 ± ?").contains("0.25");
    String html = HtmlChart.page("t", r, List.of(new Failures.Failure("FsBenchmarks.read", "impl = x", "boom <1>")),
        Map.of("status", "ok"), Machine.describe());
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("boom &lt;1&gt;").doesNotContain("<script");
    String json = Report.summaryJson("t", r, List.of(), Map.of("status", "ok"), Machine.describe());
    assertThat((Map<String, Object>) Json.parse(json)).containsKeys("machine", "throughput", "isolation_us", "memory");
  }

  @Test
  @SuppressWarnings("unchecked")
  void pairsEachRoundsRatioWithTheReferenceOfTheSameRound() {
    // the machine runs at half speed in round 2: pooled medians would say nothing useful, paired ratios do
    String raw = "\"impl\":\"raw\",\"rdalConfig\":\"-\"";
    String rdal = "\"impl\":\"rdal_global_lent\",\"rdalConfig\":\"-\"";
    java.util.SortedMap<Integer, List<Object>> rounds = new java.util.TreeMap<>();
    rounds.put(1, (List<Object>) Json.parse("[" + run("FsBenchmarks.read", raw, 1000, "10") + ","
        + run("FsBenchmarks.read", rdal, 900, "30") + "]"));
    rounds.put(2, (List<Object>) Json.parse("[" + run("FsBenchmarks.read", raw, 500, "20") + ","
        + run("FsBenchmarks.read", rdal, 480, "50") + "]"));
    rounds.put(3, (List<Object>) Json.parse("[" + run("FsBenchmarks.read", raw, 800, "10") + ","
        + run("FsBenchmarks.read", rdal, 760, "40") + "]"));
    rounds.put(4, (List<Object>) Json.parse("[" + run("FsBenchmarks.read", rdal, 100, "1") + "]")); // raw's fork failed

    Results r = Results.fromRounds(rounds);

    assertThat(r.throughput).extracting(Results.Throughput::impl).containsExactly("raw", "rdal_global_lent");
    Results.Throughput lent = r.throughput.get(1);
    assertThat(lent.rounds()).isEqualTo(4);
    assertThat(lent.ratio()).isCloseTo(0.95, within(1e-9)); // median of 0.90, 0.96, 0.95; round 4 has no pair
    assertThat(lent.ratioLow()).isCloseTo(0.90, within(1e-9));
    assertThat(lent.ratioHigh()).isCloseTo(0.96, within(1e-9));
    assertThat(lent.medianGiBps()).isCloseTo((480 + 760) / 2.0 * 16 / 1024, within(1e-9)); // median of 4 forks
    assertThat(lent.errorGiBps()).isCloseTo(35.0 * 16 / 1024, within(1e-9));
    assertThat(r.throughput.get(0).ratio()).isCloseTo(1.0, within(1e-9));

    String table = Report.table(r, List.of(), Map.of(), Machine.describe());
    assertThat(table).contains("paired over 4 rounds").contains("0.95 (0.90-0.96)").contains("1.00 (1.00-1.00) 3 rounds");
    String json = Report.summaryJson("t", r, List.of(), Map.of(), Machine.describe());
    assertThat((List<Map<String, Object>>) ((Map<String, Object>) Json.parse(json)).get("throughput"))
        .anySatisfy(row -> assertThat(row).containsEntry("impl", "rdal_global_lent").containsEntry("rounds", 4.0)
            .containsEntry("ratio_low", 0.9));
    assertThat(HtmlChart.page("t", r, List.of(), Map.of(), Machine.describe())).contains("0.95x (0.90-0.96)");
  }

  @Test
  void aFilesRoundComesFromItsName() {
    assertThat(Report.round(java.nio.file.Path.of("out", "jmh-r3-u2-raw.json"))).isEqualTo(3);
    assertThat(Report.round(java.nio.file.Path.of("jmh.json"))).isZero();
    assertThat(Report.round(java.nio.file.Path.of("jmh-isolation.json"))).isZero();
  }

  @Test
  void findsFailedRunsAndTheirMessageInTheLog() {
    List<String> log = List.of(
        "# Benchmark: dev.rdal.benchmarks.FsBenchmarks.read",
        "# Parameters: (impl = opendal_async, rdalConfig = -)",
        "# Warmup Iteration   1: <failure>",
        "",
        "java.lang.IllegalStateException: OpenDAL AsyncOperator read did not complete within 60 s",
        "\tat x.y(Z.java:1)",
        "# Benchmark: dev.rdal.benchmarks.FsBenchmarks.write",
        "# Parameters: (impl = raw, rdalConfig = -)",
        "Iteration   1: 10 ops/s");
    List<String> lines = new java.util.ArrayList<>(log);
    lines.set(2, "<failure>");
    assertThat(Failures.fromLog(lines)).singleElement().satisfies(f -> {
      assertThat(f.benchmark()).isEqualTo("FsBenchmarks.read");
      assertThat(f.params()).contains("opendal_async");
      assertThat(f.message()).contains("did not complete within 60 s");
    });
  }

  @Test
  void jsonReaderHandlesEscapesNumbersAndLiterals() {
    assertThat(Json.parse("{\"a\": [1, -2.5e3, true, null, \"x\\\"\\u0041\"]}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, -2500.0, true, null, "x\"A")));
  }
}
