package dev.rdal.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmarks that failed (JMH leaves them out of its JSON), read from JMH's console log: the benchmark
 * and parameters of each {@code <failure>} and the first line of its exception.
 */
final class Failures {

  /** One failed run. */
  record Failure(String benchmark, String params, String message) {}

  private static final Pattern BENCH = Pattern.compile("^# Benchmark: (\\S+)");
  private static final Pattern PARAMS = Pattern.compile("^# Parameters: \\((.*)\\)");

  private Failures() {}

  static List<Failure> fromLog(List<String> lines) {
    List<Failure> out = new ArrayList<>();
    String bench = null;
    String params = "";
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher m = BENCH.matcher(l);
      if (m.find()) {
        bench = m.group(1);
        params = "";
        continue;
      }
      m = PARAMS.matcher(l);
      if (m.find()) {
        params = m.group(1);
        continue;
      }
      if (l.trim().equals("<failure>") && bench != null) {
        String message = "(no message)";
        for (int j = i + 1; j < Math.min(lines.size(), i + 6); j++) {
          if (!lines.get(j).isBlank()) {
            message = lines.get(j).trim();
            break;
          }
        }
        out.add(new Failure(bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1), params, message));
      }
    }
    return out;
  }
}
