package dev.rdal.spring.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.BeanUtils;
import java.util.Locale;

/**
 * The property keys a properties class accepts, in Boot's canonical dashed form, read from its JavaBean
 * properties: a nested properties class adds its own keys below its name; a map accepts any key below its
 * name. Used to refuse keys that would otherwise be ignored, and to suggest the nearest known one.
 */
final class KnownKeys {

  private final Set<String> leaves = new TreeSet<>();
  private final Set<String> openPrefixes = new TreeSet<>();

  KnownKeys(Class<?> type) {
    collect(type, "");
  }

  private void collect(Class<?> type, String prefix) {
    for (PropertyDescriptor pd : BeanUtils.getPropertyDescriptors(type)) {
      if (pd.getReadMethod() == null || "class".equals(pd.getName())) continue;
      String key = prefix + dashed(pd.getName());
      Class<?> t = pd.getPropertyType();
      if (Map.class.isAssignableFrom(t)) {
        openPrefixes.add(key);
      } else if (t.getEnclosingClass() != null && t.getPackageName().equals(KnownKeys.class.getPackageName())
          && !t.isEnum()) {
        collect(t, key + ".");
      } else {
        leaves.add(key);
      }
    }
  }

  private static String dashed(String javaName) {
    return javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a relative key (dotted, dashed) is accepted.
   */
  boolean accepts(String key) {
    if (leaves.contains(key)) return true;
    String indexed = key.replaceAll("\\[\\d+]$", "");
    if (leaves.contains(indexed)) return true;
    for (String p : openPrefixes) {
      if (key.equals(p) || key.startsWith(p + ".") || key.startsWith(p + "[")) return true;
    }
    return false;
  }

  /** The known key nearest to {@code key}, or null when none is close. */
  String nearest(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    Set<String> all = new TreeSet<>(leaves);
    all.addAll(openPrefixes);
    for (String k : all) {
      int d = distance(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  /** All accepted keys, maps as {@code name.*}. */
  Set<String> all() {
    Set<String> out = new TreeSet<>(leaves);
    openPrefixes.forEach(p -> out.add(p + ".*"));
    return out;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
