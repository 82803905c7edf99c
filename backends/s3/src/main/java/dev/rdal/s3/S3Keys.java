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

  String root() {
    return root;
  }
}
