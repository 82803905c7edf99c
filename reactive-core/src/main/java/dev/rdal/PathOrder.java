package dev.rdal;

import java.util.Comparator;

/**
 * The order every listing follows: paths compared by their UTF-8 bytes, unsigned, which is the order of
 * Unicode code points and the order S3, GCS and Azure list keys in.
 *
 * <p>It differs from {@link String#compareTo} (UTF-16 code units) only between characters of the range
 * U+E000–U+FFFF (full-width forms such as {@code ！} and {@code （}, private use) and characters beyond
 * U+FFFF (emoji, rare CJK): in UTF-16 the latter's surrogates sort first, in UTF-8 they sort last. So
 * {@code d/！} lists before {@code d/😀}. Like any lexicographic order it keeps every path below a prefix
 * contiguous, and {@code a-b} still sorts before {@code a/} and its entries.
 *
 * <p>No bytes are encoded: code units are compared as they are, with the surrogate range moved above
 * U+FFFF only where two differing units both lie at or above U+D800.
 */
public final class PathOrder {

  /** Compares paths in UTF-8 byte order; see the class comment. */
  public static final Comparator<String> UTF8 = PathOrder::compare;

  private PathOrder() {}

  /**
   * Compares two paths in UTF-8 byte order.
   *
   * @param a a path
   * @param b another path
   * @return a negative number, zero or a positive number as {@code a} sorts before, equal to or after
   *     {@code b}
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
          return codePointRank(x) - codePointRank(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /**
   * Whether {@code path} sorts strictly after {@code startAfter}, as a listing's start-after asks.
   *
   * @param path a listed path
   * @param startAfter the start-after path, or null for none
   * @return true when {@code startAfter} is null or {@code path} sorts after it
   */
  public static boolean isAfter(String path, String startAfter) {
    return startAfter == null || compare(path, startAfter) > 0;
  }

  /** Surrogates (U+D800–U+DFFF) rank above U+E000–U+FFFF, as the code points they encode do. */
  private static int codePointRank(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
