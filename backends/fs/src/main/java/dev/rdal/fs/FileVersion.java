package dev.rdal.fs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The attributes and stored metadata of one version of a file, read while other writers may replace
 * the file by rename: the caller stats the path ({@code before}), does what must belong to that version
 * (opens the file), and {@link #confirm} reads the extended attributes and stats again. The result
 * stands only when both stats describe the same version (file key, size and modification time);
 * otherwise the file was replaced or rewritten and the caller starts over. An extended-attribute read
 * that fails because the file changed under it (an attribute that grew or vanished between its size and
 * its read) counts as a change, not an error.
 *
 * @param attributes the version's attributes, from the second stat
 * @param stored its content type and user metadata ({@link XattrMetadata.Stored#NONE} when not read)
 */
record FileVersion(BasicFileAttributes attributes, XattrMetadata.Stored stored) {

  /** Times a caller starts over on a file replaced again and again before it gives up. */
  static final int ATTEMPTS = 8;

  /** The temporary error of a caller that started over {@link #ATTEMPTS} times; {@code doing} names what it did. */
  static RdalException replacedTooOften(String doing) {
    return RdalException.builder(ErrorKind.CONDITION_NOT_MET, "file was replaced " + ATTEMPTS + " times while being "
        + doing + "; try again").temporary(true).build();
  }

  /**
   * The version {@code before} describes, or null when {@code file} was replaced since.
   *
   * @param withXattrs whether to read the stored content type and user metadata
   * @throws IOException when the file is gone, or an attribute read fails on the very same file
   */
  static FileVersion confirm(Path file, BasicFileAttributes before, boolean withXattrs) throws IOException {
    XattrMetadata.Stored stored = XattrMetadata.Stored.NONE;
    if (withXattrs) {
      try {
        stored = XattrMetadata.read(file);
      } catch (IOException e) {
        if (sameVersion(before, FileMetas.attributes(file))) {
          throw e;
        }
        return null;
      }
    }
    BasicFileAttributes after = FileMetas.attributes(file);
    return sameVersion(before, after) ? new FileVersion(after, stored) : null;
  }

  /**
   * Whether two stats describe the same version: the same file key, size and modification time. The
   * file key alone is not enough, since a file system may give a freed inode number to the next file
   * created (a writer's next temporary file), so a path can name the same key twice with other bytes in
   * between. Where the file system has no file keys, size and time are compared alone.
   */
  private static boolean sameVersion(BasicFileAttributes a, BasicFileAttributes b) {
    return Objects.equals(a.fileKey(), b.fileKey()) && a.size() == b.size()
        && a.lastModifiedTime().equals(b.lastModifiedTime());
  }
}
