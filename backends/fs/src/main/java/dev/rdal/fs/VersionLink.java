package dev.rdal.fs;

import dev.rdal.ContentRange;
import dev.rdal.LocalFileRegion;
import dev.rdal.ObjectMeta;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A served range as a {@link LocalFileRegion} over a private hard link to one version of a file. A server
 * sending a file by path opens it itself, later; a writer may have replaced the file by then. So the
 * region names a hard link, made next to the file (same file system, named like a writer's temporary file
 * so listings skip it) and checked to be the version the read reported (its ETag: size, modification
 * time and file key). The link keeps that version reachable while it is sent; closing the region deletes
 * the link (on the global scheduler when closed on a non-blocking thread).
 */
final class VersionLink {

  private static final Logger LOG = LoggerFactory.getLogger(VersionLink.class);

  private VersionLink() {}

  /**
   * The region of {@code served} in the version {@code version} of {@code file}, or null when that version
   * is gone or the file system makes no hard links (the caller then streams the read's body).
   */
  static LocalFileRegion of(Path file, ObjectMeta version, ContentRange served) throws IOException {
    Path link = file.resolveSibling(FsDefaults.TEMP_PREFIX + UUID.randomUUID());
    try {
      Files.createLink(link, file);
    } catch (UnsupportedOperationException | FileSystemException e) {
      LOG.debug("no hard link for {}: {}", file, e.toString());
      return null;
    }
    try {
      BasicFileAttributes a = FileMetas.attributes(link);
      if (a.size() == version.size() && FileMetas.etag(a).equals(version.etag())) {
        return new LocalFileRegion(link, served.first(), served.length(), () -> Closer.run(() -> delete(link)));
      }
    } catch (IOException | RuntimeException e) {
      delete(link);
      throw e;
    }
    delete(link);
    return null;
  }

  private static void delete(Path link) {
    try {
      Files.deleteIfExists(link);
    } catch (IOException e) {
      LOG.warn("could not delete the link {} of a file region: {}", link.getFileName(), e.toString());
    }
  }
}
