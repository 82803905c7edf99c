package dev.rdal.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The description of the machine a run happened on: cores, memory, CPU model, JDK. */
final class Machine {

  private Machine() {}

  static Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    m.put("memory", gib(firstValue("/proc/meminfo", "MemTotal")));
    m.put("cpu", firstValue("/proc/cpuinfo", "model name"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    return m;
  }

  private static String gib(String kb) {
    try {
      long k = Long.parseLong(kb.replace("kB", "").trim());
      return String.format(java.util.Locale.ROOT, "%.1f GiB", k / 1048576.0);
    } catch (NumberFormatException e) {
      return kb;
    }
  }

  private static String firstValue(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      for (String l : lines) {
        if (l.startsWith(key)) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    return "unknown";
  }

  static String oneLine(Map<String, String> m) {
    return m.get("cores") + " cores, " + m.get("memory") + " RAM, " + m.get("cpu") + ", " + m.get("os")
        + ", " + m.get("jdk");
  }
}
