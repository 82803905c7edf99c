package dev.rdal;

/**
 * The path rules every backend shares. A path is relative to the operator's root and uses {@code /};
 * {@code //} and {@code .} segments are dropped, {@code ..} removes the previous segment and may not
 * climb above the root ({@link ErrorKind#PERMISSION_DENIED}). A path ending in {@code /} names a
 * directory. The root is {@code /}. Empty paths and NUL characters are refused with
 * {@link ErrorKind#INVALID_INPUT}, and so are strings that are not well-formed UTF-16 (an unpaired
 * surrogate has no UTF-8 form, so no store could hold the name it asks for).
 *
 * <p>Normalised form: no leading {@code /} (except the root itself), no empty, {@code .} or {@code ..}
 * segments; a trailing {@code /} only for directories.
 */
public final class Paths {

  /** The normalised root. */
  public static final String ROOT = "/";

  private Paths() {}

  /**
   * Normalises {@code path} or fails with a typed {@link RdalException}.
   *
   * @param path a path as the caller gave it
   * @return the normalized path
   */
  public static String normalize(String path) {
    if (path == null || path.isEmpty()) {
      throw RdalException.invalidInput("path must not be empty");
    }
    if (path.indexOf('\0') >= 0) {
      throw RdalException.builder(ErrorKind.INVALID_INPUT, "path must not contain NUL").build();
    }
    if (!isWellFormedUtf16(path)) {
      throw RdalException.invalidInput("path contains an unpaired surrogate character; it has no UTF-8 form");
    }
    boolean dir = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..")
        || path.equals(".") || path.equals("..");
    String[] segments = path.split("/");
    String[] stack = new String[segments.length];
    int depth = 0;
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (depth == 0) {
          throw RdalException.builder(ErrorKind.PERMISSION_DENIED,
                  "path escapes the root with '..': use a path inside the operator's root")
              .path(path).build();
        }
        depth--;
        continue;
      }
      stack[depth++] = s;
    }
    if (depth == 0) {
      return ROOT;
    }
    StringBuilder sb = new StringBuilder(path.length());
    for (int i = 0; i < depth; i++) {
      if (i > 0) sb.append('/');
      sb.append(stack[i]);
    }
    if (dir) sb.append('/');
    return sb.toString();
  }

  private static boolean isWellFormedUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a normalised path names a directory (ends with {@code /}, or is the root).
   *
   * @param normalized a normalized path
   * @return true when it ends with {@code /}
   */
  public static boolean isDirectory(String normalized) {
    return normalized.endsWith("/");
  }

  /**
   * The normalised parent directory of a normalised path; the root's parent is the root.
   *
   * @param normalized a normalized path
   * @return its parent directory
   */
  public static String parent(String normalized) {
    if (ROOT.equals(normalized)) return ROOT;
    String p = normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    int i = p.lastIndexOf('/');
    return i < 0 ? ROOT : p.substring(0, i + 1);
  }

  /**
   * The directory form of a normalised path ({@code a/b} becomes {@code a/b/}).
   *
   * @param normalized a normalized path
   * @return the path ending with {@code /}
   */
  public static String asDirectory(String normalized) {
    return normalized.endsWith("/") ? normalized : normalized + "/";
  }

  /**
   * The file form of a normalised path ({@code a/b/} becomes {@code a/b}); the root stays the root.
   *
   * @param normalized a normalized path
   * @return the path without a trailing {@code /}
   */
  public static String asFile(String normalized) {
    if (ROOT.equals(normalized)) return ROOT;
    return normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
  }

  /**
   * The prefix under which a directory's entries live: empty for the root, else the directory path.
   *
   * @param normalizedDir a normalized directory path
   * @return the prefix of its children's paths
   */
  public static String childPrefix(String normalizedDir) {
    return ROOT.equals(normalizedDir) ? "" : asDirectory(normalizedDir);
  }
}
