package dev.rdal.fs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A file opened for reading together with attributes that describe the very file opened, even while
 * other writers replace it by rename: the path is stat'ed before and after the open, and the open is
 * retried until both name the same file (device and inode), so metadata, size and bytes always belong to
 * one version.
 *
 * @param channel the open channel; the caller closes it
 * @param attributes the opened file's attributes
 */
record OpenFile(FileChannel channel, BasicFileAttributes attributes) {

  /** Opens before giving up when the path is replaced again and again between stat and open. */
  private static final int ATTEMPTS = 8;

  static OpenFile open(Path file) throws IOException {
    for (int attempt = 1; ; attempt++) {
      BasicFileAttributes before = FileMetas.attributes(file);
      if (before.isDirectory()) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "path is a directory").build();
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      BasicFileAttributes after;
      try {
        after = FileMetas.attributes(file);
      } catch (IOException | RuntimeException e) {
        Closer.closeNow(channel);
        throw e;
      }
      if (before.fileKey() == null || Objects.equals(before.fileKey(), after.fileKey())) {
        return new OpenFile(channel, after);
      }
      Closer.closeNow(channel);
      if (attempt >= ATTEMPTS) {
        throw RdalException.builder(ErrorKind.CONDITION_NOT_MET,
            "file was replaced " + ATTEMPTS + " times while being opened; read it again").temporary(true).build();
      }
    }
  }
}
