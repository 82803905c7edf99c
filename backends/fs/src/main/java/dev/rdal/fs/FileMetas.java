package dev.rdal.fs;

import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Metadata of files and directories. The ETag is {@code "<size>-<mtime ns>-<file key>"} in hex: it
 * changes when a file is rewritten in place (size or modification time) or replaced by another file
 * (the file key, device and inode on Linux), and survives a rename of the same file.
 */
final class FileMetas {

  private FileMetas() {}

  static BasicFileAttributes attributes(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class);
  }

  static String etag(BasicFileAttributes a) {
    long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    Object key = a.fileKey();
    return "\"" + Long.toHexString(a.size()) + "-" + Long.toHexString(mtime)
        + (key == null ? "" : "-" + Integer.toHexString(key.hashCode())) + "\"";
  }

  static Instant modified(BasicFileAttributes a) {
    return a.lastModifiedTime().toInstant();
  }

  /** A directory's or file's metadata without stored attributes. */
  static ObjectMeta basic(String path, BasicFileAttributes a) {
    if (a.isDirectory()) {
      return ObjectMeta.directory(Paths.ROOT.equals(path) ? path : Paths.asDirectory(path), modified(a));
    }
    return ObjectMeta.file(Paths.asFile(path), a.size(), modified(a), etag(a));
  }

  /** A file's metadata with its stored content type and user metadata. */
  static ObjectMeta file(String path, BasicFileAttributes a, String contentType, Map<String, String> userMetadata) {
    return new ObjectMeta(Paths.asFile(path), false, a.size(), modified(a), etag(a), contentType, userMetadata);
  }
}
