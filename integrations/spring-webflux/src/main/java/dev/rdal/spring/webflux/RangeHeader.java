package dev.rdal.spring.webflux;

import dev.rdal.ContentRange;

/**
 * An RFC 9110 {@code Range} header applied to an object of a known size, with several ranges coalesced
 * into one: the span from the lowest first byte to the highest last byte of the satisfiable ranges.
 *
 * <p>Outcomes: {@link #ignored()} (no header, another unit, or a malformed value: the RFC says such a
 * header is ignored, so the whole object is sent with 200), {@link #unsatisfiable()} (well formed, but no
 * range asks for an existing byte: 416), or the one range to serve (206).
 */
final class RangeHeader {

  /** More ranges than this in one header are ignored, as RFC 9110 allows for many small ranges. */
  static final int MAX_RANGES = 100;

  private static final RangeHeader IGNORED = new RangeHeader(-1, -1, false);
  private static final RangeHeader UNSATISFIABLE = new RangeHeader(-1, -1, true);

  private final long first;
  private final long last;
  private final boolean unsatisfiable;

  private RangeHeader(long first, long last, boolean unsatisfiable) {
    this.first = first;
    this.last = last;
    this.unsatisfiable = unsatisfiable;
  }

  /** Whether the header is to be ignored (serve the whole object). */
  boolean ignored() {
    return this == IGNORED;
  }

  /** Whether no range of the header is satisfiable. */
  boolean unsatisfiable() {
    return unsatisfiable;
  }

  /** The range to serve, when neither ignored nor unsatisfiable. */
  ContentRange served(long size) {
    return ContentRange.of(first, last, size);
  }

  /**
   * The header applied to an object of {@code size} bytes.
   *
   * @param header the header's value, or null when absent
   */
  static RangeHeader parse(String header, long size) {
    if (header == null) {
      return IGNORED;
    }
    String h = header.trim();
    int eq = h.indexOf('=');
    if (eq < 0 || !"bytes".equalsIgnoreCase(h.substring(0, eq).trim())) {
      return IGNORED;
    }
    String[] specs = h.substring(eq + 1).split(",", -1);
    if (specs.length > MAX_RANGES) {
      return IGNORED;
    }
    long lo = Long.MAX_VALUE;
    long hi = -1;
    int count = 0;
    for (String raw : specs) {
      String spec = raw.trim();
      if (spec.isEmpty()) {
        continue; // the list syntax allows empty elements
      }
      int dash = spec.indexOf('-');
      if (dash < 0 || spec.indexOf('-', dash + 1) >= 0) {
        return IGNORED;
      }
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      long f;
      long l;
      if (a.isEmpty()) {
        long suffix = number(b);
        if (suffix < 0) return IGNORED;
        if (suffix == 0 || size == 0) {
          count++;
          continue; // unsatisfiable
        }
        f = Math.max(0, size - suffix);
        l = size - 1;
      } else {
        f = number(a);
        if (f < 0) return IGNORED;
        if (b.isEmpty()) {
          l = size - 1;
        } else {
          l = number(b);
          if (l < 0 || l < f) return IGNORED;
          l = Math.min(l, size - 1);
        }
        if (f >= size) {
          count++;
          continue; // unsatisfiable
        }
      }
      count++;
      lo = Math.min(lo, f);
      hi = Math.max(hi, l);
    }
    if (count == 0) {
      return IGNORED;
    }
    return hi < 0 ? UNSATISFIABLE : new RangeHeader(lo, hi, false);
  }

  /** A non-negative decimal, or -1 when malformed or too large for a long. */
  private static long number(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
