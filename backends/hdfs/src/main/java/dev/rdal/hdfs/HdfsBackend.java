package dev.rdal.hdfs;

import dev.rdal.Capabilities;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Files in HDFS below one root directory ({@code hdfs://namenode:8020/data}), through Hadoop's
 * {@link FileSystem} API and the shaded Hadoop client.
 *
 * <p><b>Threads.</b> Blocking ({@link #isBlocking()}): every Hadoop call blocks, so every method does
 * its calls when subscribed or inside {@code request(n)}, and the operator's execution policy runs them
 * on its threads, every chunk of a read and every page of a listing included. Unless the operator's
 * builder names a policy, the {@link #defaultPolicy() default} is a dedicated, bounded scheduler of this
 * backend ({@code rdal-hdfs-N}, {@link HdfsOptions#threads()} threads), so a slow NameNode ties up only
 * these threads. Hadoop's own client threads (IPC connections, the lease renewer, DataNode streamers)
 * block as they please; rdal never runs user code on them.
 *
 * <p><b>Reads.</b> A read stats the file, then opens it with {@code openFile()}, the read policy
 * ({@code whole-file} for whole reads, {@code random} for ranges) and that status and length, so no second
 * probe is made; one stream serves all chunks of the read ({@link StreamBody}). Buffers are owned (a
 * fresh heap buffer per chunk, the subscriber's to keep) or, with
 * {@link dev.rdal.ReadOptions#withLentBuffers(boolean) lent buffers}, one pooled direct buffer per read,
 * valid until {@code onNext} returns. A {@link PositionalReader} keeps one stream open across its calls
 * and reads with {@code readFully(position, ByteBuffer)} ({@link HdfsPositionalReader}). The served
 * Content-Range is synthesized from the size.
 *
 * <p><b>Writes</b> go to a temporary file in the target's directory, which is then renamed onto the
 * target (see {@link Renames}): readers see the old content or the new. {@code create(overwrite=false)}
 * alone would not do: the file is visible, growing, while it is written. A publisher error, an HDFS error
 * or a cancel closes and deletes the temporary file. If-not-exists commits with a rename that fails when
 * the target exists. Append, content type and user metadata are not offered.
 *
 * <p><b>Listings</b> are lazy, paged and sorted; see {@link HdfsListing}. <b>Confinement</b>: see
 * {@link HdfsPaths}. <b>Errors</b>: see {@link HdfsErrors} and {@link Renames}.
 *
 * <p><b>Closing</b> closes every open stream (read bodies, positional readers, writes in flight, whose
 * temporary files are deleted), then the {@link FileSystem} instance this backend created with
 * {@link FileSystem#newInstance} (never a cached instance shared with others; see {@link FileSystems}).
 */
public final class HdfsBackend implements Backend {

  private final HdfsOptions options;
  private final HdfsPaths paths;
  private final FileSystem fs;
  private final Capabilities capabilities = Capabilities.all().without(Capability.PRESIGN,
      Capability.BATCH_DELETE, Capability.APPEND, Capability.CONTENT_TYPE, Capability.USER_METADATA);
  private final BufferPool pool;
  private final OpenStreams streams = new OpenStreams();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Sinks.Empty<Void> closing = Sinks.empty();

  /**
   * A backend over {@code options}, with a {@link FileSystem} instance of its own. Creating the client
   * makes no call to the NameNode; a missing root lists empty and is created by the first write.
   *
   * @param options the options
   * @throws RdalException {@link ErrorKind#CONFIG_INVALID} when the client cannot be created (an unknown
   *     host, a failed Kerberos login)
   */
  public HdfsBackend(HdfsOptions options) {
    this.options = options;
    this.paths = new HdfsPaths(options.namenode(), options.root());
    this.fs = FileSystems.create(options);
    this.pool = new BufferPool(options.chunkSize(), HdfsDefaults.POOLED_BUFFERS);
  }

  /**
   * The options this backend was made with.
   *
   * @return the options
   */
  public HdfsOptions options() {
    return options;
  }

  /**
   * The root directory, fully qualified ({@code hdfs://namenode:8020/data}).
   *
   * @return the root
   */
  public Path root() {
    return paths.root();
  }

  @Override
  public String scheme() {
    return "hdfs";
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  /**
   * A dedicated scheduler of this backend, {@code rdal-hdfs-N}, with {@link HdfsOptions#threads()}
   * threads.
   *
   * @return the default policy
   */
  @Override
  public ExecutionPolicy defaultPolicy() {
    return ExecutionPolicy.dedicated(options.threads());
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    return Mono.fromCallable(() -> {
      FileStatus status = fileStatus(path);
      ObjectMeta meta = HdfsMetas.of(path, status);
      checkConditions(meta, request);
      ContentRange served = Ranges.serve(request.range(), status.getLen());
      if (served.isUnsatisfied() || served.length() == 0) {
        return new ReadResult(meta, served, Flux.<ByteBuffer>empty());
      }
      String policy = request.range().isAll() ? InputFile.WHOLE_FILE : InputFile.RANDOM;
      InputFile file = InputFile.open(fs, status, policy, streams);
      Flux<ByteBuffer> body = StreamBody.of(file, served, options.chunkSize(), request.lentBuffers() ? pool : null);
      return new ReadResult(meta, served, body);
    }).onErrorMap(HdfsErrors::map);
  }

  private static void checkConditions(ObjectMeta meta, ReadRequest request) {
    String etag = meta.etag();
    if (request.ifMatch() != null && !request.ifMatch().equals(etag)) {
      throw RdalException.builder(ErrorKind.CONDITION_NOT_MET,
          "if-match " + request.ifMatch() + " failed: the file's ETag is " + etag).build();
    }
    if (request.ifNoneMatch() != null && request.ifNoneMatch().equals(etag)) {
      throw RdalException.builder(ErrorKind.CONDITION_NOT_MET,
          "if-none-match " + request.ifNoneMatch() + " failed: the file still has that ETag").build();
    }
  }

  @Override
  public Mono<PositionalReader> openReader(String path) {
    return Mono.fromCallable(() -> {
      FileStatus status = fileStatus(path);
      InputFile file = InputFile.open(fs, status, InputFile.RANDOM, streams);
      return (PositionalReader) new HdfsPositionalReader(file, HdfsMetas.of(path, status));
    }).onErrorMap(HdfsErrors::map);
  }

  /** The status of the file at {@code path}: missing, a directory, or a file named as a directory fail. */
  private FileStatus fileStatus(String path) throws IOException {
    ensureOpen();
    FileStatus status = fs.getFileStatus(paths.resolve(path));
    if (status.isDirectory()) {
      throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "path is a directory").build();
    }
    if (Paths.isDirectory(path)) {
      throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file");
    }
    return status;
  }

  // ------------------------------------------------------------------ writes

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions o) {
    if (o.append()) {
      return Mono.error(RdalException.unsupported("hdfs", "write", Capability.APPEND));
    }
    return Mono.using(
            () -> prepareWrite(path, o),
            pending -> body
                .takeUntilOther(closing.asMono()) // a close mid-write ends the body; the commit then fails
                .doOnNext(b -> {
                  try {
                    pending.write(b);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
                .then(Mono.fromCallable(() -> {
                  pending.finish();
                  Path target = paths.resolve(path);
                  pending.commit(target, o.ifNotExists());
                  return HdfsMetas.of(path, fs.getFileStatus(target));
                })),
            pending -> Closer.run(pending::discard),
            true)
        .onErrorMap(HdfsErrors::map);
  }

  private PendingWrite prepareWrite(String path, WriteOptions o) throws IOException {
    ensureOpen();
    Path target = paths.resolve(path);
    createParents(target.getParent());
    FileStatus existing = Renames.statusOrNull(fs, target);
    if (existing != null && existing.isDirectory()) {
      throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "a directory exists at this path").build();
    }
    if (existing != null && o.ifNotExists()) {
      throw RdalException.of(ErrorKind.ALREADY_EXISTS, "file exists and if-not-exists was set");
    }
    return PendingWrite.create(fs, target.getParent(), streams);
  }

  private void createParents(Path dir) throws IOException {
    try {
      if (!fs.mkdirs(dir)) {
        throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "a parent of this path could not be made a directory");
      }
    } catch (FileAlreadyExistsException | ParentNotDirectoryException e) {
      throw RdalException.builder(ErrorKind.NOT_A_DIRECTORY, "a parent of this path is a file").cause(e).build();
    }
  }

  // ------------------------------------------------------------------ metadata

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return Mono.fromCallable(() -> {
      ensureOpen();
      FileStatus status = Renames.statusOrNull(fs, paths.resolve(path));
      if (status == null) {
        if (Paths.ROOT.equals(path)) {
          return ObjectMeta.directory(Paths.ROOT, null); // a root not yet created is an empty directory
        }
        throw RdalException.of(ErrorKind.NOT_FOUND, "no such file or directory");
      }
      if (!status.isDirectory() && Paths.isDirectory(path)) {
        throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file");
      }
      return HdfsMetas.of(path, status);
    }).onErrorMap(HdfsErrors::map);
  }

  // ------------------------------------------------------------------ deletes

  @Override
  public Mono<Void> delete(String path) {
    return HdfsBackend.<Void>quietOnceCancelled(() -> {
      ensureOpen();
      Path p = paths.resolve(path);
      FileStatus status = Renames.statusOrNull(fs, p);
      if (status == null) {
        return null;
      }
      if (Paths.isDirectory(path) && !status.isDirectory()) {
        throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file");
      }
      if (!Paths.isDirectory(path) && status.isDirectory()) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY,
            "path is a directory; delete '" + path + "/' or use deleteRecursive").build();
      }
      fs.delete(p, false); // false: it vanished meanwhile, which is what was asked
      return null;
    }).onErrorMap(HdfsErrors::map);
  }

  /**
   * A blocking call whose caller cancelled ends quietly: the cancel interrupts the worker, Hadoop's IPC
   * then throws {@code InterruptedIOException}, and nobody is left to tell (a batch delete whose path
   * publisher failed cancels the deletes in flight; their failures would only be dropped signals).
   */
  private static <T> Mono<T> quietOnceCancelled(java.util.concurrent.Callable<T> call) {
    return Mono.defer(() -> {
      java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
      return Mono.fromCallable(() -> {
        try {
          return call.call();
        } catch (java.io.InterruptedIOException e) {
          if (cancelled.get()) {
            return null;
          }
          throw e;
        }
      }).doOnCancel(() -> cancelled.set(true));
    });
  }

  // ------------------------------------------------------------------ listings

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions o) {
    return Flux.defer(() -> {
      ensureOpen();
      String prefix = Paths.childPrefix(dir);
      Path d = paths.resolve(prefix.isEmpty() ? Paths.ROOT : prefix);
      FileStatus status;
      try {
        status = Renames.statusOrNull(fs, d);
      } catch (IOException e) {
        return Flux.error(e);
      }
      if (status == null) {
        return Flux.empty();
      }
      if (!status.isDirectory()) {
        return Flux.error(RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file"));
      }
      return Flux.fromIterable(() -> new HdfsListing(fs, d, prefix, o.recursive(), o.startAfter()));
    }).onErrorMap(HdfsErrors::map);
  }

  @Override
  public Mono<Void> createDir(String dir) {
    return Mono.<Void>fromCallable(() -> {
      ensureOpen();
      createParents(paths.resolve(dir));
      return null;
    }).onErrorMap(HdfsErrors::map);
  }

  // ------------------------------------------------------------------ copy and rename

  @Override
  public Mono<ObjectMeta> copy(String from, String to) {
    return Mono.fromCallable(() -> {
      FileStatus src = fileStatus(from);
      if (from.equals(to)) {
        return HdfsMetas.of(from, src);
      }
      Path dst = paths.resolve(to);
      createParents(dst.getParent());
      FileStatus existing = Renames.statusOrNull(fs, dst);
      if (existing != null && existing.isDirectory()) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "target '" + to + "' is a directory").build();
      }
      PendingWrite temp = PendingWrite.create(fs, dst.getParent(), streams);
      try {
        InputFile in = InputFile.open(fs, src, InputFile.WHOLE_FILE, streams);
        try {
          copyBytes(in.stream(), temp, src.getLen());
        } finally {
          in.close();
        }
        temp.finish();
        temp.commit(dst, false);
        return HdfsMetas.of(to, fs.getFileStatus(dst));
      } finally {
        temp.discard();
      }
    }).onErrorMap(HdfsErrors::map);
  }

  private static void copyBytes(FSDataInputStream in, PendingWrite out, long length) throws IOException {
    byte[] buffer = new byte[HdfsDefaults.COPY_BUFFER];
    long copied = 0;
    while (copied < length) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
      if (r < 0) {
        throw RdalException.of(ErrorKind.CONDITION_NOT_MET, "the source was truncated while it was copied");
      }
      out.write(ByteBuffer.wrap(buffer, 0, r));
      copied += r;
    }
  }

  @Override
  public Mono<Void> rename(String from, String to) {
    return Mono.<Void>fromCallable(() -> {
      FileStatus src = fileStatus(from);
      if (from.equals(to)) {
        return null;
      }
      Path dst = paths.resolve(to);
      createParents(dst.getParent());
      Renames.replace(fs, src.getPath(), dst);
      return null;
    }).onErrorMap(HdfsErrors::map);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Closes every open stream (deleting the temporary files of writes in flight), then this backend's
   * own {@link FileSystem} instance; idempotent.
   *
   * @return completes when all is closed
   */
  @Override
  public Mono<Void> close() {
    return Mono.fromRunnable(() -> {
      if (closed.compareAndSet(false, true)) {
        streams.closeAll();
        closing.tryEmitEmpty();
        pool.clear();
        Closer.closeNow(fs);
      }
    });
  }

  /** Streams open right now (for leak checks). */
  int openStreams() {
    return streams.count();
  }

  /** This backend's own file system instance (for tests). */
  FileSystem fileSystem() {
    return fs;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw closedError();
    }
  }

  static RdalException closedError() {
    return RdalException.of(ErrorKind.UNEXPECTED, "hdfs backend is closed; create a new operator");
  }

  @Override
  public String toString() {
    return "HdfsBackend{namenode=" + options.namenode() + ", root=" + options.root() + ", chunkSize="
        + options.chunkSize() + "}";
  }
}
