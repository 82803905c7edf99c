package dev.rdal.hdfs;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options.OpenFileOptions;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * One open HDFS input stream with what the backend knows of it: the status it was opened with and the
 * stream's capabilities. Registered with the backend's {@link OpenStreams} from opening to closing, so
 * closing the backend closes it; {@link #close()} is idempotent.
 *
 * <p><b>Opening.</b> Through {@link FileSystem#openFile} with the read policy
 * ({@link #WHOLE_FILE} for whole reads, {@link #RANDOM} for ranges and positional readers) and the file's
 * status and length, which the backend has just read, so the file system makes no probe of its own.
 */
final class InputFile implements Closeable {

  /** The read policy of whole-object reads: sequential, from the first byte to the last. */
  static final String WHOLE_FILE = "whole-file";

  /** The read policy of ranges and positional reads. */
  static final String RANDOM = "random";

  private final FSDataInputStream in;
  private final FileStatus status;
  private final OpenStreams registry;
  private final boolean byteBufferReads;
  private final boolean positionalByteBufferReads;
  private final AtomicBoolean closed = new AtomicBoolean();

  private InputFile(FSDataInputStream in, FileStatus status, OpenStreams registry) {
    this.in = in;
    this.status = status;
    this.registry = registry;
    this.byteBufferReads = in.hasCapability(StreamCapabilities.READBYTEBUFFER);
    this.positionalByteBufferReads = in.hasCapability(StreamCapabilities.PREADBYTEBUFFER);
  }

  /**
   * Opens {@code status}'s file with {@code policy} and registers it; blocks.
   *
   * @throws IOException as Hadoop reports it
   * @throws dev.rdal.RdalException UNEXPECTED when the backend closed meanwhile (the stream is closed)
   */
  static InputFile open(FileSystem fs, FileStatus status, String policy, OpenStreams registry) throws IOException {
    FSDataInputStream in = FutureIO.awaitFuture(fs.openFile(status.getPath())
        .withFileStatus(status)
        .opt(OpenFileOptions.FS_OPTION_OPENFILE_READ_POLICY, policy)
        .opt(OpenFileOptions.FS_OPTION_OPENFILE_LENGTH, Long.toString(status.getLen()))
        .build());
    InputFile file = new InputFile(in, status, registry);
    if (!registry.add(file)) {
      throw HdfsBackend.closedError();
    }
    return file;
  }

  FSDataInputStream stream() {
    return in;
  }

  FileStatus status() {
    return status;
  }

  /** Whether the stream reads into a {@code ByteBuffer} ({@code in:readbytebuffer}). */
  boolean byteBufferReads() {
    return byteBufferReads;
  }

  /** Whether the stream reads into a {@code ByteBuffer} at a position ({@code in:preadbytebuffer}). */
  boolean positionalByteBufferReads() {
    return positionalByteBufferReads;
  }

  boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      registry.remove(this);
      Closer.closeNow(in);
    }
  }

  @Override
  public String toString() {
    return "InputFile{" + status.getPath() + "}";
  }
}
