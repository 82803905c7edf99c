package dev.rdal.fs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file opened for reading together with attributes and stored metadata that describe the very file
 * opened, even while other writers replace it by rename: the path is stat'ed before the open and
 * confirmed after it ({@link FileVersion}), and the open is retried until both name the same file, so
 * content type, user metadata, size and bytes always belong to one version.
 *
 * @param channel the open channel; the caller closes it
 * @param attributes the opened file's attributes
 * @param stored the opened file's content type and user metadata ({@link XattrMetadata.Stored#NONE} when
 *     not asked for)
 */
record OpenFile(FileChannel channel, BasicFileAttributes attributes, XattrMetadata.Stored stored) {

  /**
   * Opens {@code file} for reading.
   *
   * @param withXattrs whether to read the stored content type and user metadata as well
   */
  static OpenFile open(Path file, boolean withXattrs) throws IOException {
    for (int attempt = 1; ; attempt++) {
      BasicFileAttributes before = FileMetas.attributes(file);
      if (before.isDirectory()) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "path is a directory").build();
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      FileVersion version;
      try {
        version = FileVersion.confirm(file, before, withXattrs);
      } catch (IOException | RuntimeException e) {
        Closer.closeNow(channel);
        throw e;
      }
      if (version != null) {
        return new OpenFile(channel, version.attributes(), version.stored());
      }
      Closer.closeNow(channel);
      if (attempt >= FileVersion.ATTEMPTS) {
        throw FileVersion.replacedTooOften("opened");
      }
    }
  }
}
