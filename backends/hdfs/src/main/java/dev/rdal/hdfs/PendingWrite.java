package dev.rdal.hdfs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary file a write (or copy) goes through: created next to its target (same directory, so
 * the rename that commits it is one NameNode operation), named {@link HdfsDefaults#TEMP_PREFIX}
 * {@code <uuid>}, and either committed onto the target or discarded (its stream closed and the file
 * deleted). Registered with the backend's {@link OpenStreams} while its stream is open. Methods are
 * synchronized: a discard from a cancel waits for a chunk being written and wins over a commit that has
 * not started; one that comes after a commit changes nothing.
 */
final class PendingWrite implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(PendingWrite.class);

  private enum State { OPEN, FINISHED, COMMITTED, DISCARDED }

  private final FileSystem fs;
  private final Path temp;
  private final FSDataOutputStream out;
  private final OpenStreams registry;
  private byte[] scratch;
  private State state = State.OPEN;

  private PendingWrite(FileSystem fs, Path temp, FSDataOutputStream out, OpenStreams registry) {
    this.fs = fs;
    this.temp = temp;
    this.out = out;
    this.registry = registry;
  }

  /** Creates the temporary file in {@code dir}; blocks. */
  static PendingWrite create(FileSystem fs, Path dir, OpenStreams registry) throws IOException {
    Path temp = new Path(dir, HdfsDefaults.TEMP_PREFIX + UUID.randomUUID());
    FSDataOutputStream out = fs.create(temp, false);
    PendingWrite w = new PendingWrite(fs, temp, out, registry);
    if (!registry.add(w)) {
      throw HdfsBackend.closedError(); // add closed it, which discards it
    }
    return w;
  }

  Path path() {
    return temp;
  }

  /** Appends the remaining bytes of {@code b}. */
  synchronized void write(ByteBuffer b) throws IOException {
    if (state != State.OPEN) {
      throw HdfsBackend.closedError(); // only a close of the backend discards a write before its end
    }
    if (b.hasArray()) {
      out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
      b.position(b.limit());
      return;
    }
    if (scratch == null) {
      scratch = new byte[HdfsDefaults.COPY_BUFFER];
    }
    while (b.hasRemaining()) {
      int n = Math.min(scratch.length, b.remaining());
      b.get(scratch, 0, n);
      out.write(scratch, 0, n);
    }
  }

  /** Closes the stream, which waits until the DataNodes hold every byte; the file is complete after it. */
  synchronized void finish() throws IOException {
    if (state != State.OPEN) {
      throw HdfsBackend.closedError(); // only a close of the backend discards a write before its end
    }
    out.close();
    registry.remove(this);
    state = State.FINISHED;
  }

  /** Moves the finished file onto {@code target} ({@link Renames#replace} or {@link Renames#createNew}). */
  synchronized void commit(Path target, boolean mustNotExist) throws IOException {
    if (state != State.FINISHED) {
      throw new IOException("the write is not finished");
    }
    if (mustNotExist) {
      Renames.createNew(fs, temp, target);
    } else {
      Renames.replace(fs, temp, target);
    }
    state = State.COMMITTED;
  }

  /** Closes the stream and deletes the temporary file, unless committed; idempotent; never throws. */
  synchronized void discard() {
    if (state == State.COMMITTED || state == State.DISCARDED) {
      return;
    }
    if (state == State.OPEN) {
      Closer.closeNow(out);
      registry.remove(this);
    }
    state = State.DISCARDED;
    try {
      fs.delete(temp, false);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not delete the temporary file {} of a failed write: {}", temp, e.toString());
    }
  }

  /** Discards the write (called when the backend closes with the write in flight). */
  @Override
  public void close() {
    discard();
  }
}
