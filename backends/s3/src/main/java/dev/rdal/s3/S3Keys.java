package dev.rdal.s3;

import dev.rdal.ErrorKind;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import java.nio.charset.StandardCharsets;

/**
 * Turns normalised rdal paths into object keys under the backend's root prefix, and back.
 * {@code a/b} becomes {@code <root>a/b}; the directory {@code a/} becomes the prefix (and marker key)
 * {@code <root>a/}; the root {@code /} becomes {@code <root>} itself.
 *
 * <p>Keys are at most {@link #MAX_KEY_BYTES} bytes of UTF-8, the root prefix included (AWS answers a
 * longer one with {@code KeyTooLongError}; some compatible stores accept it). A longer key or prefix is
 * refused here, before any request is built, with {@link ErrorKind#INVALID_INPUT} naming the limit.
 */
final class S3Keys {

  /** The most bytes of UTF-8 an S3 object key may have. */
  static final int MAX_KEY_BYTES = 1024;

  private final String root;
  private final int rootBytes;

  S3Keys(String root) {
    this.root = root;
    this.rootBytes = utf8(root);
  }

  /** The key (or prefix, for directories) of a normalised path. */
  String key(String path) {
    return checked(Paths.ROOT.equals(path) ? root : root + path);
  }

  /** The prefix under which a directory's entries live. */
  String childPrefix(String dir) {
    return checked(root + Paths.childPrefix(dir));
  }

  /**
   * The prefix under which a directory's entries would live, for a probe of whether one is there; null
   * when it is over the limit, since then no key can lie below it and nothing needs asking.
   */
  String probePrefix(String dir) {
    String prefix = root + Paths.childPrefix(dir);
    return utf8(prefix) > MAX_KEY_BYTES ? null : prefix;
  }

  /** The most bytes of UTF-8 a path below the root may have. */
  int maxPathBytes() {
    return MAX_KEY_BYTES - rootBytes;
  }

  private String checked(String key) {
    int bytes = utf8(key);
    if (bytes > MAX_KEY_BYTES) {
      throw RdalException.builder(ErrorKind.INVALID_INPUT, "the key is " + bytes + " bytes of UTF-8 (with the root "
              + "prefix of " + rootBytes + " bytes), over S3's limit of " + MAX_KEY_BYTES + " bytes per key; "
              + "use a path of at most " + maxPathBytes() + " bytes")
          .backend("s3").build();
    }
    return key;
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
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
