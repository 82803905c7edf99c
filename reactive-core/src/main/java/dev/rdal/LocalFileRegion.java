package dev.rdal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The served range of a read as a region of a local file, so that a server can send it without copying
 * it through user space ({@code sendfile}). Offered only by backends whose objects are local files (fs);
 * the others offer none, and a caller then streams the read's body as usual.
 *
 * <p>The file is fixed to one version: it names the very version whose metadata the read reported (a
 * backend offers no region when the object was replaced in between), and stays that version while the
 * region is open, even if writers replace the object meanwhile. {@link #close()} releases what the
 * backend holds for it (a private link to that version); it is idempotent and must be called once the
 * bytes are sent, whether the transfer succeeded, failed or was cancelled.
 */
public final class LocalFileRegion implements AutoCloseable {

  private final Path file;
  private final long position;
  private final long count;
  private final Runnable release;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A region of {@code file}.
   *
   * @param file the local file holding the version read
   * @param position the first byte of the region
   * @param count how many bytes the region has
   * @param release what {@link #close()} runs, once
   * @throws RdalException with {@link ErrorKind#INVALID_INPUT} when position or count is negative
   * @throws NullPointerException when {@code file} or {@code release} is null
   */
  public LocalFileRegion(Path file, long position, long count, Runnable release) {
    this.file = Objects.requireNonNull(file, "file");
    this.release = Objects.requireNonNull(release, "release");
    if (position < 0 || count < 0) {
      throw RdalException.invalidInput("invalid file region: position " + position + ", count " + count);
    }
    this.position = position;
    this.count = count;
  }

  /**
   * The local file to send from; valid until {@link #close()}.
   *
   * @return the file's path
   */
  public Path file() {
    return file;
  }

  /**
   * The offset of the region's first byte in {@link #file()}.
   *
   * @return the position, at least 0
   */
  public long position() {
    return position;
  }

  /**
   * The number of bytes of the region.
   *
   * @return the count, at least 0
   */
  public long count() {
    return count;
  }

  /** Releases what the backend holds for this region; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release.run();
    }
  }

  @Override
  public String toString() {
    return "LocalFileRegion{position=" + position + ", count=" + count + "}";
  }
}
