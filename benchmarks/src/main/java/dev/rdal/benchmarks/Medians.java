package dev.rdal.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The median the report and the paired timing use: NaNs (missing figures) left out, NaN when none is left. */
public final class Medians {

  private Medians() {}

  /** The median of {@code values}, NaNs and nulls left out; NaN when none is left. */
  public static double of(List<Double> values) {
    List<Double> v = new ArrayList<>();
    for (Double d : values) {
      if (d != null && !d.isNaN()) {
        v.add(d);
      }
    }
    if (v.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(v);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
