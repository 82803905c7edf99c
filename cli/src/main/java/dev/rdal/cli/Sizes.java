package dev.rdal.cli;

import java.util.Locale;

/** Byte counts and durations as people read them: {@code 1.5 GiB}, {@code 12.0 MiB/s}, {@code 1m05s}. */
final class Sizes {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private Sizes() {}

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, UNITS[u]);
  }

  static String seconds(long s) {
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** Parses {@code 123}, {@code 64k}, {@code 8m}, {@code 1g} (powers of 1024). */
  static long parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long mul = 1;
    if (t.endsWith("ib")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'k' -> mul = 1L << 10;
        case 'm' -> mul = 1L << 20;
        case 'g' -> mul = 1L << 30;
        case 't' -> mul = 1L << 40;
        default -> mul = 1;
      }
      if (mul > 1) {
        t = t.substring(0, t.length() - 1);
      }
    }
    return Math.multiplyExact(Long.parseLong(t.trim()), mul);
  }
}
