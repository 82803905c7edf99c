package dev.rdal;

/**
 * Refuses a normalised path longer than the backend's declared limits ({@link Capabilities#maxPathBytes()},
 * {@link Capabilities#maxNameBytes()}) with {@link ErrorKind#INVALID_INPUT} naming the limit, so that no
 * request is made for a path the store would refuse or, worse, accept in a form it cannot keep.
 */
final class PathLimits {

  private PathLimits() {}

  /** Checks {@code normalized} (a normalised path, or the root) against the limits of {@code capabilities}. */
  static void check(String normalized, Capabilities capabilities) {
    if (Paths.ROOT.equals(normalized)) {
      return;
    }
    int maxPath = capabilities.maxPathBytes().orElse(0);
    int maxName = capabilities.maxNameBytes().orElse(0);
    if (maxPath == 0 && maxName == 0) {
      return;
    }
    if (maxPath > 0) {
      int bytes = utf8Length(normalized, 0, normalized.length());
      if (bytes > maxPath) {
        throw RdalException.invalidInput("path is " + bytes + " bytes of UTF-8, over this backend's limit of "
            + maxPath + " bytes per path below its root; use a shorter path");
      }
    }
    if (maxName > 0) {
      int start = 0;
      while (start < normalized.length()) {
        int end = normalized.indexOf('/', start);
        if (end < 0) {
          end = normalized.length();
        }
        int bytes = utf8Length(normalized, start, end);
        if (bytes > maxName) {
          throw RdalException.invalidInput("a name of the path is " + bytes + " bytes of UTF-8, over this "
              + "backend's limit of " + maxName + " bytes per name; use a shorter name");
        }
        start = end + 1;
      }
    }
  }

  /** Bytes of UTF-8 of {@code s[from, to)}, without encoding it (paths are well-formed UTF-16). */
  static int utf8Length(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
