package dev.rdal.fs;

import dev.rdal.Capabilities;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.LocalFileRegion;
import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionScope;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Local files below one root directory ({@code fs:///data}).
 *
 * <p><b>Threads.</b> Blocking ({@link #isBlocking()}): every method does its file system calls when
 * subscribed or inside {@code request(n)}, so the operator's execution policy runs them on its threads,
 * every chunk of a read included.
 *
 * <p><b>Reads.</b> One {@link FileChannel} per read, opened when the read is answered (so metadata,
 * content type, size and bytes are of one version even while writers replace the file; {@link #stat}
 * answers about one version the same way) and kept open across all chunks
 * until the body completes, fails, is cancelled or is discarded, each chunk one positional read of {@link FsOptions#chunkSize()} bytes (default
 * {@link FsDefaults#CHUNK_SIZE}). Two buffer modes:
 * <ul>
 *   <li><b>owned</b> (the default): each chunk is a fresh heap buffer that belongs to the subscriber;
 *   <li><b>lent</b> ({@link dev.rdal.ReadOptions#withLentBuffers(boolean)}): the fast path. Pooled,
 *       page-aligned direct buffers (one per read, plus one per chunk read ahead), each valid until the
 *       {@code onNext} that received it returns and read into again only after that; the subscriber
 *       must consume it inside {@code onNext} and copy what it keeps. No allocation per chunk.
 * </ul>
 * Under a policy with a scheduler, a read of more than one chunk reads up to {@link FsOptions#readAhead()}
 * chunks ahead on that scheduler while the subscriber consumes the current one (default
 * {@link FsDefaults#READ_AHEAD_CHUNKS}, none, which says why).
 * Read-only memory mappings are deliberately not used, although lending views of a mapping kept
 * across reads would skip the copy. When another process truncates a file under a mapping, the JDK only
 * promises "an unspecified exception ... either at the time of the access or at some later time"
 * ({@link java.nio.MappedByteBuffer}). Measured on JDK 17: in compiled code the faulting reads return
 * garbage and the {@link InternalError} surfaces later, at an arbitrary point of the same thread (in 11
 * of 20 rounds of a probe, 3 runs alike, after the code that read the view had returned), so neither a
 * guard around {@code onNext} nor a check in the body can contain it; and Reactor rethrows it as fatal,
 * which can leave a stream never terminating. Positional reads simply see the new end, and the body
 * fails with {@link ErrorKind#CONDITION_NOT_MET}. The served Content-Range is synthesized from the size.
 *
 * <p><b>Writes</b> go to a temporary file in the target's directory, then are renamed into place with
 * {@code ATOMIC_MOVE}: readers see the old content or the new. A publisher error, a file system error or
 * a cancel removes the temporary file and leaves the old content untouched. With {@code fsync=true} the
 * file and then its directory are forced to disk before the write succeeds. If-not-exists commits with
 * {@code link(2)}, which fails atomically when another writer created the target first. Append writes the
 * body to a temporary file first (a failed body leaves the target untouched), then appends it with a
 * kernel-side transfer: <b>not atomic</b> for readers (they may see the append growing) nor across
 * processes (appends of other processes may interleave; this JVM's appends to one file are serialised).
 *
 * <p><b>Metadata.</b> Content type and user metadata are stored as user extended attributes when the
 * root's file system supports them (and {@code xattrs} is not false); only then are
 * {@link Capability#CONTENT_TYPE} and {@link Capability#USER_METADATA} declared. Listings carry size,
 * modification time and ETag, not stored attributes (as object-store listings do); stat and reads carry
 * them all.
 *
 * <p><b>Listings</b> are lazy and sorted; see {@link DirectoryWalk}. <b>Confinement</b>: see
 * {@link RootedPaths}. <b>Errors</b>: see {@link FsErrors}.
 *
 * <p><b>Closing</b> closes every open {@link PositionalReader} and drops the buffer pool.
 */
public final class FsBackend implements Backend {

  private final FsOptions options;
  private final RootedPaths paths;
  private final boolean xattrs;
  private final Capabilities capabilities;
  private final BufferPool pool;
  private volatile ReadAhead readAhead = ReadAhead.NONE;
  private final Set<FsPositionalReader> readers = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A backend over {@code options.root()}. When the root is missing and {@code options.createRoot()},
   * exactly that directory is created, never a missing parent of it: a root whose parent is missing, a
   * root that is a file, or a missing root when not created, is {@link ErrorKind#CONFIG_INVALID}.
   *
   * @param options the root and the options
   */
  public FsBackend(FsOptions options) {
    this.options = options;
    Path root = options.root().toAbsolutePath().normalize();
    try {
      if (options.createRoot() && !Files.exists(root)) {
        Path parent = root.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
          throw RdalException.builder(ErrorKind.CONFIG_INVALID, "fs root '" + root + "' is missing and so is its parent '"
                  + parent + "'; create-root makes only the root itself: create the parent first, or check the path")
              .backend("fs").operation("configure").build();
        }
        try {
          Files.createDirectory(root);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // made meanwhile by someone else: checked below like any existing root
        }
      }
      if (!Files.isDirectory(root)) {
        throw RdalException.builder(ErrorKind.CONFIG_INVALID,
            "fs root '" + root + "' is not a directory" + (options.createRoot() ? "" : " (and create-root is false)"))
            .backend("fs").operation("configure").build();
      }
      this.paths = new RootedPaths(root.toRealPath());
    } catch (IOException e) {
      throw RdalException.builder(ErrorKind.CONFIG_INVALID, "fs root '" + root + "' cannot be used: " + e)
          .cause(e).backend("fs").operation("configure").build();
    }
    this.xattrs = options.xattrs() && XattrMetadata.probe(paths.root());
    Capabilities all = Capabilities.all().without(Capability.PRESIGN, Capability.BATCH_DELETE)
        .withMaxNameBytes(FsDefaults.MAX_NAME_BYTES)
        .withMaxPathBytes(maxPathBytes(paths.root()));
    this.capabilities = xattrs ? all : all.without(Capability.CONTENT_TYPE, Capability.USER_METADATA);
    this.pool = new BufferPool(options.chunkSize(), FsDefaults.POOLED_BUFFERS);
  }

  /**
   * The longest path below {@code root} whose every use stays within {@link FsDefaults#MAX_ABSOLUTE_PATH_BYTES}:
   * the root's path and its {@code /} come first, and a write's temporary file (a name of
   * {@link FsDefaults#TEMP_NAME_BYTES}) stands beside its target, so a target whose own name is one byte
   * must leave room for the longer temporary name.
   */
  private static int maxPathBytes(Path root) {
    int rootBytes = root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    return FsDefaults.MAX_ABSOLUTE_PATH_BYTES - rootBytes - 1 - (FsDefaults.TEMP_NAME_BYTES - 1);
  }

  /**
   * The root's real path.
   *
   * @return the root
   */
  public Path root() {
    return paths.root();
  }

  /**
   * The options this backend was made with.
   *
   * @return the options
   */
  public FsOptions options() {
    return options;
  }

  @Override
  public String scheme() {
    return "fs";
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
   * Reads ahead on the policy's IO scheduler, when it has one (global, dedicated, custom), in at most
   * {@link ReadAhead#defaultMaxBodies()} bodies at once; under external, or for a backend used without an
   * operator, every chunk is read on demand on the emitting thread.
   */
  @Override
  public void attach(ExecutionScope scope) {
    Scheduler io = scope.ioScheduler();
    this.readAhead = io == null ? ReadAhead.NONE : new ReadAhead(io, options.readAhead(), ReadAhead.defaultMaxBodies());
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    return Mono.fromCallable(() -> {
      OpenFile open = OpenFile.open(paths.confined(path), xattrs);
      try {
        BasicFileAttributes a = open.attributes();
        ObjectMeta meta = fileMeta(path, a, open.stored());
        checkConditions(meta, request);
        ContentRange served = Ranges.serve(request.range(), a.size());
        if (served.isUnsatisfied()) {
          Closer.closeNow(open.channel());
          return new ReadResult(meta, served, Flux.empty());
        }
        Flux<ByteBuffer> body = FileBody.of(open.channel(), served, options.chunkSize(),
            request.lentBuffers() ? pool : null, readAhead);
        return new ReadResult(meta, served, body);
      } catch (RuntimeException e) {
        Closer.closeNow(open.channel());
        throw e;
      }
    }).onErrorMap(FsErrors::map);
  }

  /**
   * The served range as a region of a private hard link to the version read ({@link VersionLink}); empty
   * when the file was replaced or removed since, or when the file system makes no hard links.
   */
  @Override
  public Mono<LocalFileRegion> localFileRegion(String path, ObjectMeta version, ContentRange served) {
    return Mono.fromCallable(() -> VersionLink.of(paths.confined(path), version, served)).onErrorMap(FsErrors::map);
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
      ensureOpen();
      OpenFile open = OpenFile.open(paths.confined(path), xattrs);
      try {
        ObjectMeta meta = fileMeta(path, open.attributes(), open.stored());
        FsPositionalReader reader = new FsPositionalReader(open.channel(), meta, readers::remove);
        readers.add(reader);
        if (closed.get()) {
          reader.close();
          ensureOpen();
        }
        return (PositionalReader) reader;
      } catch (RuntimeException e) {
        Closer.closeNow(open.channel());
        throw e;
      }
    }).onErrorMap(FsErrors::map);
  }

  /** A file's metadata from the attributes and stored metadata of one version ({@link FileVersion}). */
  private ObjectMeta fileMeta(String path, BasicFileAttributes a, XattrMetadata.Stored stored) {
    return xattrs ? FileMetas.file(path, a, stored.contentType(), stored.userMetadata()) : FileMetas.basic(path, a);
  }

  /** A file's metadata from {@code a} and the stored metadata read from {@code file} now. */
  private ObjectMeta fileMeta(String path, Path file, BasicFileAttributes a) throws IOException {
    return fileMeta(path, a, xattrs ? XattrMetadata.read(file) : XattrMetadata.Stored.NONE);
  }

  // ------------------------------------------------------------------ writes

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions o) {
    return Mono.using(
            () -> prepareWrite(path, o),
            pending -> body
                .doOnNext(b -> {
                  try {
                    pending.temp.write(b);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
                .then(Mono.fromCallable(() -> commit(path, pending, o))),
            pending -> Closer.run(pending.temp::discard),
            true)
        .onErrorMap(FsErrors::map);
  }

  /** A write between its temporary file's creation and its commit. */
  private record PendingWrite(Path target, TempFile temp) {}

  private PendingWrite prepareWrite(String path, WriteOptions o) throws IOException {
    ensureOpen();
    Path target = paths.confined(path);
    createParents(target.getParent());
    if (Files.isDirectory(target)) {
      throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "a directory exists at this path").build();
    }
    if (o.ifNotExists() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw RdalException.of(ErrorKind.ALREADY_EXISTS, "file exists and if-not-exists was set");
    }
    return new PendingWrite(target, TempFile.create(target.getParent(), options.fsync()));
  }

  private ObjectMeta commit(String path, PendingWrite pending, WriteOptions o) throws IOException {
    TempFile temp = pending.temp;
    BasicFileAttributes a;
    String contentType = o.contentType();
    Map<String, String> userMetadata = o.userMetadata();
    if (o.append()) {
      a = temp.appendTo(pending.target, xattrs, contentType, userMetadata);
      if (xattrs) {
        return fileMeta(path, pending.target, a);
      }
    } else {
      a = temp.finish(xattrs, contentType, userMetadata);
      if (o.ifNotExists()) {
        try {
          temp.linkAs(pending.target);
        } catch (FileAlreadyExistsException e) {
          throw RdalException.builder(ErrorKind.ALREADY_EXISTS,
              "file exists and if-not-exists was set (another writer created it first)").cause(e).build();
        }
      } else {
        temp.moveOnto(pending.target);
      }
    }
    return xattrs ? FileMetas.file(path, a, contentType, userMetadata) : FileMetas.basic(path, a);
  }

  private static void createParents(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw RdalException.builder(ErrorKind.NOT_A_DIRECTORY, "a parent of this path is a file").cause(e).build();
    }
  }

  // ------------------------------------------------------------------ metadata

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return Mono.fromCallable(() -> {
      Path p = paths.confined(path);
      for (int attempt = 1; ; attempt++) {
        BasicFileAttributes a = FileMetas.attributes(p);
        if (a.isDirectory()) {
          return FileMetas.basic(path, a);
        }
        if (Paths.isDirectory(path)) {
          throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file");
        }
        if (!xattrs) {
          return FileMetas.basic(path, a); // one stat is one version
        }
        FileVersion version = FileVersion.confirm(p, a, true);
        if (version != null) {
          return fileMeta(path, version.attributes(), version.stored());
        }
        if (attempt >= FileVersion.ATTEMPTS) {
          throw FileVersion.replacedTooOften("stat'ed");
        }
      }
    }).onErrorMap(FsErrors::map);
  }

  // ------------------------------------------------------------------ deletes

  @Override
  public Mono<Void> delete(String path) {
    return Mono.<Void>fromCallable(() -> {
      Path p = paths.confined(path);
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException missing) {
        return null;
      }
      if (Paths.isDirectory(path) && !a.isDirectory()) {
        throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file");
      }
      if (!Paths.isDirectory(path) && a.isDirectory()) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY,
            "path is a directory; delete '" + path + "/' or use deleteRecursive").build();
      }
      Files.deleteIfExists(p);
      return null;
    }).onErrorMap(FsErrors::map);
  }

  // ------------------------------------------------------------------ listings

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions o) {
    return Flux.defer(() -> {
      String prefix = Paths.childPrefix(dir);
      Path d;
      try {
        d = paths.confined(prefix.isEmpty() ? Paths.ROOT : prefix);
        BasicFileAttributes a = FileMetas.attributes(d);
        if (!a.isDirectory()) {
          return Flux.error(RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file"));
        }
      } catch (NoSuchFileException missing) {
        return Flux.empty();
      } catch (IOException e) {
        return Flux.error(FsErrors.map(e));
      }
      Path start = d;
      return Flux.fromIterable(() -> new DirectoryWalk(paths, start, prefix, o.recursive(), o.startAfter()));
    }).onErrorMap(FsErrors::map);
  }

  @Override
  public Mono<Void> createDir(String dir) {
    return Mono.<Void>fromCallable(() -> {
      if (Paths.ROOT.equals(dir)) {
        return null;
      }
      Path p = paths.confined(dir);
      try {
        Files.createDirectories(p);
      } catch (FileAlreadyExistsException e) {
        throw RdalException.builder(ErrorKind.NOT_A_DIRECTORY, "a file exists at this path or above it").cause(e).build();
      }
      return null;
    }).onErrorMap(FsErrors::map);
  }

  // ------------------------------------------------------------------ copy and rename

  @Override
  public Mono<ObjectMeta> copy(String from, String to) {
    return Mono.fromCallable(() -> {
      ensureOpen();
      Path src = paths.confined(from);
      BasicFileAttributes srcAttributes = FileMetas.attributes(src);
      if (srcAttributes.isDirectory()) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "cannot copy a directory").build();
      }
      if (from.equals(to)) {
        return fileMeta(from, src, srcAttributes);
      }
      Path dst = paths.confined(to);
      createParents(dst.getParent());
      if (Files.isDirectory(dst)) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "target '" + to + "' is a directory").build();
      }
      TempFile temp = TempFile.create(dst.getParent(), options.fsync());
      try {
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ)) {
          long size = in.size();
          long pos = 0;
          while (pos < size) {
            pos += in.transferTo(pos, size - pos, temp.channel());
          }
        }
        if (xattrs) {
          XattrMetadata.copy(src, temp.path());
        }
        temp.finish(false, null, Map.of());
        temp.moveOnto(dst);
        return fileMeta(to, dst, FileMetas.attributes(dst));
      } finally {
        temp.discard();
      }
    }).onErrorMap(FsErrors::map);
  }

  @Override
  public Mono<Void> rename(String from, String to) {
    return Mono.<Void>fromCallable(() -> {
      Path src = paths.confined(from);
      if (FileMetas.attributes(src).isDirectory()) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "rename moves files, not directories").build();
      }
      Path dst = paths.confined(to);
      createParents(dst.getParent());
      if (Files.isDirectory(dst)) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "target '" + to + "' is a directory").build();
      }
      Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
      if (options.fsync()) {
        syncDirectory(dst.getParent());
        if (!dst.getParent().equals(src.getParent())) {
          syncDirectory(src.getParent());
        }
      }
      return null;
    }).onErrorMap(FsErrors::map);
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  // ------------------------------------------------------------------ lifecycle

  @Override
  public Mono<Void> close() {
    return Mono.fromRunnable(() -> {
      if (closed.compareAndSet(false, true)) {
        for (FsPositionalReader r : new ArrayList<>(readers)) {
          r.close();
        }
        pool.clear();
      }
    });
  }

  /** Positional readers open right now (for leak checks). */
  int openReaders() {
    return readers.size();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw RdalException.of(ErrorKind.UNEXPECTED, "fs backend is closed; create a new operator");
    }
  }

  @Override
  public String toString() {
    return "FsBackend{root=" + paths.root() + ", chunkSize=" + options.chunkSize() + ", readAhead=" + options.readAhead()
        + ", fsync=" + options.fsync()
        + ", xattrs=" + xattrs + "}";
  }
}
