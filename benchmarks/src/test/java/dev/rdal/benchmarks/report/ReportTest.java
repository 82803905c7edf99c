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
