package dev.rdal.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary file a write goes through: created next to its target (same directory, so the same file
 * system and an atomic rename), named {@link FsDefaults#TEMP_PREFIX}{@code <uuid>}, and either committed
 * onto the target or discarded (closed and deleted). Methods are synchronized: a discard from a cancel
 * waits for a chunk being written and wins over a commit that has not started; one that comes after a
 * commit changes nothing.
 */
final class TempFile {

  private static final Logger LOG = LoggerFactory.getLogger(TempFile.class);

  /** Serialises appends to one target within this JVM (striped by path). */
  private static final Object[] APPEND_LOCKS = new Object[64];

  static {
    for (int i = 0; i < APPEND_LOCKS.length; i++) {
      APPEND_LOCKS[i] = new Object();
    }
  }

  private enum State { OPEN, COMMITTED, DISCARDED }

  private final Path dir;
  private final Path path;
  private final FileChannel channel;
  private final boolean fsync;
  private State state = State.OPEN;

  private TempFile(Path dir, Path path, FileChannel channel, boolean fsync) {
    this.dir = dir;
    this.path = path;
    this.channel = channel;
    this.fsync = fsync;
  }

  static TempFile create(Path dir, boolean fsync) throws IOException {
    Path p = dir.resolve(FsDefaults.TEMP_PREFIX + UUID.randomUUID());
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new TempFile(dir, p, ch, fsync);
  }

  Path path() {
    return path;
  }

  FileChannel channel() {
    return channel;
  }

  /** Appends the remaining bytes of {@code b} without changing its position. */
  synchronized void write(ByteBuffer b) throws IOException {
    if (state == State.DISCARDED) {
      return; // a chunk still in flight after a cancel: nothing to keep
    }
    ensureOpen();
    ByteBuffer d = b.duplicate();
    while (d.hasRemaining()) {
      channel.write(d);
    }
  }

  /** Forces the bytes (when fsync is on), closes the channel and stores metadata; the attributes. */
  synchronized BasicFileAttributes finish(boolean xattrs, String contentType, Map<String, String> userMetadata)
      throws IOException {
    ensureOpen();
    if (fsync) {
      channel.force(true);
    }
    channel.close();
    if (xattrs) {
      XattrMetadata.write(path, contentType, userMetadata);
    }
    return FileMetas.attributes(path);
  }

  /** Renames onto {@code target} atomically, replacing it. */
  synchronized void moveOnto(Path target) throws IOException {
    ensureOpen();
    Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
    state = State.COMMITTED;
    syncDirectory();
  }

  /**
   * Links as {@code target}, which must not exist: {@code link(2)} fails atomically when another writer
   * got there first ({@code ALREADY_EXISTS}). The temporary name is removed either way.
   */
  synchronized void linkAs(Path target) throws IOException {
    ensureOpen();
    try {
      Files.createLink(target, path);
      state = State.COMMITTED;
      syncDirectory();
    } finally {
      deleteQuietly();
    }
  }

  /**
   * Appends this file's bytes to {@code target} (created if missing) with a kernel-side transfer, then
   * discards this file. Not atomic for readers, who may see the append growing; appends from this JVM
   * to one target are serialised, other processes' are not. If the transfer fails part way the target
   * is truncated back to its old size (best effort). Returns the target's attributes.
   */
  synchronized BasicFileAttributes appendTo(Path target, boolean xattrs, String contentType,
      Map<String, String> userMetadata) throws IOException {
    ensureOpen();
    synchronized (APPEND_LOCKS[Math.floorMod(target.hashCode(), APPEND_LOCKS.length)]) {
      try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        long before = out.size();
        try {
          long size = channel.size();
          long pos = 0;
          while (pos < size) {
            pos += channel.transferTo(pos, size - pos, out);
          }
          if (fsync) {
            out.force(true);
          }
        } catch (IOException | RuntimeException e) {
          try {
            out.truncate(before);
          } catch (IOException again) {
            e.addSuppressed(again);
          }
          throw e;
        }
      }
      if (xattrs) {
        XattrMetadata.write(target, contentType, userMetadata);
      }
      state = State.COMMITTED;
      BasicFileAttributes attributes = FileMetas.attributes(target);
      channel.close();
      deleteQuietly();
      return attributes;
    }
  }

  /** Closes and deletes the file unless it was committed; idempotent. */
  synchronized void discard() {
    if (state != State.OPEN) {
      return;
    }
    state = State.DISCARDED;
    Closer.closeNow(channel);
    deleteQuietly();
  }

  private void ensureOpen() throws IOException {
    if (state != State.OPEN) {
      throw new IOException("write was " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private void deleteQuietly() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("could not remove temporary file {}", path, e);
    }
  }

  private void syncDirectory() throws IOException {
    if (fsync) {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
  }
}
