package dev.rdal.s3;

import dev.rdal.Paths;

/**
 * Turns normalised rdal paths into object keys under the backend's root prefix, and back.
 * {@code a/b} becomes {@code <root>a/b}; the directory {@code a/} becomes the prefix (and marker key)
 * {@code <root>a/}; the root {@code /} becomes {@code <root>} itself.
 */
final class S3Keys {

  private final String root;

  S3Keys(String root) {
    this.root = root;
  }

  /** The key (or prefix, for directories) of a normalised path. */
  String key(String path) {
    return Paths.ROOT.equals(path) ? root : root + path;
  }

  /** The prefix under which a directory's entries live. */
  String childPrefix(String dir) {
    return root + Paths.childPrefix(dir);
  }

  /** The normalised path of a key under the root. */
  String path(String key) {
    String p = key.substring(root.length());
    return p.isEmpty() ? Paths.ROOT : p;
  }

  /**
   * Whether XML 1.0 can carry {@code key} as element text: no control characters but tab, line feed and
   * carriage return (and not those either, as XML parsers normalise line ends), no U+FFFE or U+FFFF, no
   * unpaired surrogate.
   */
  static boolean isXmlSafe(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) return false;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  String root() {
    return root;
  }
}
