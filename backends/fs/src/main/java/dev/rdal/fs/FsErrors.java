package dev.rdal.fs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Maps the JDK's file errors to {@link ErrorKind}s: missing → {@code NOT_FOUND}; exists →
 * {@code ALREADY_EXISTS}; no permission or a read-only file system → {@code PERMISSION_DENIED}; a
 * directory where a file is needed → {@code IS_A_DIRECTORY}; a file where a directory is needed →
 * {@code NOT_A_DIRECTORY}; a non-empty directory or a name too long for the file system →
 * {@code INVALID_INPUT}; disk full and everything else
 * → {@code UNEXPECTED} with the JDK's exception as the cause. {@link RdalException}s pass unchanged.
 */
final class FsErrors {

  private FsErrors() {}

  /** The typed error for {@code e}. */
  static RdalException map(Throwable e) {
    if (e instanceof RdalException) {
      return (RdalException) e;
    }
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      return map(e.getCause());
    }
    if (e instanceof NoSuchFileException) {
      return typed(ErrorKind.NOT_FOUND, "no such file or directory", e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return typed(ErrorKind.ALREADY_EXISTS, "a file or directory already exists there", e);
    }
    if (e instanceof AccessDeniedException) {
      return typed(ErrorKind.PERMISSION_DENIED, "the file system refused access", e);
    }
    if (e instanceof NotDirectoryException) {
      return typed(ErrorKind.NOT_A_DIRECTORY, "not a directory", e);
    }
    if (e instanceof DirectoryNotEmptyException) {
      return typed(ErrorKind.INVALID_INPUT, "directory is not empty; use deleteRecursive", e);
    }
    String reason = reason(e);
    if (reason.contains("no space left on device") || reason.contains("disk quota exceeded")) {
      return typed(ErrorKind.UNEXPECTED, "disk full: " + reason(e, true), e);
    }
    if (reason.contains("file name too long")) {
      return typed(ErrorKind.INVALID_INPUT,
          "a name is too long for the file system (at most 255 bytes of UTF-8 per name on Linux)", e);
    }
    if (reason.contains("is a directory")) {
      return typed(ErrorKind.IS_A_DIRECTORY, "path is a directory", e);
    }
    if (reason.contains("not a directory")) {
      return typed(ErrorKind.NOT_A_DIRECTORY, "a file stands where a directory is needed", e);
    }
    if (reason.contains("permission denied") || reason.contains("operation not permitted")
        || reason.contains("read-only file system")) {
      return typed(ErrorKind.PERMISSION_DENIED, "the file system refused access: " + reason(e, true), e);
    }
    if (reason.contains("no such file")) {
      return typed(ErrorKind.NOT_FOUND, "no such file or directory", e);
    }
    if (e instanceof ClosedChannelException) {
      return typed(ErrorKind.UNEXPECTED, "the file was closed while in use", e);
    }
    String what = e instanceof IOException ? "file system error: " : "";
    return typed(ErrorKind.UNEXPECTED, what + e, e);
  }

  private static RdalException typed(ErrorKind kind, String message, Throwable cause) {
    return RdalException.builder(kind, message).cause(cause).build();
  }

  private static String reason(Throwable e) {
    return reason(e, false).toLowerCase(Locale.ROOT);
  }

  private static String reason(Throwable e, boolean original) {
    String r = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : null;
    if (r == null) r = e.getMessage();
    return r == null ? e.getClass().getSimpleName() : r;
  }
}
