package dev.rdal;

import dev.rdal.implementation.ExecutionLayer;
import dev.rdal.implementation.RangedRead;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.ExecutionScope;
import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.BackendProvider;
import dev.rdal.spi.Layer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.SynchronousSink;

/**
 * The entry point: one storage service behind one Flux/Mono API.
 *
 * <p><b>Making one.</b> {@link #of(String)} takes a URI ({@code memory:}, {@code fs:///data},
 * {@code s3://bucket/prefix?region=eu-west-1}); {@link #builder(String)} takes a scheme plus config keys, an
 * {@link ExecutionPolicy} and {@link Layer}s. Backends are found with {@link ServiceLoader}; an unknown
 * scheme fails with {@link ErrorKind#CONFIG_INVALID} listing the known ones.
 *
 * <p><b>Threads.</b> Nothing happens until subscription. The execution policy decides where IO runs (see
 * {@link ExecutionPolicy}): a blocking backend never blocks a non-blocking thread, every pull of a read
 * runs on the policy's threads, and chunks of network clients reach user code off the client's event loop.
 *
 * <p><b>Failures.</b> Every error is an {@link RdalException} signalled through {@code onError} and
 * naming backend, operation and path; invalid arguments (paths, ranges) are errors of the returned
 * publisher too, never thrown. An operation the backend cannot do fails with {@link ErrorKind#UNSUPPORTED}
 * naming the {@link Capability}.
 *
 * <p><b>Closing.</b> {@link #close()} disposes dedicated schedulers, clients and open
 * {@link PositionalReader}s; it is idempotent, and any call after it fails with a clear error. The global
 * scheduler and custom schedulers survive.
 *
 * <p>Instances are thread-safe.
 */
public final class Operator implements AutoCloseable {

  /** How many times a read body that broke off is resumed from the byte it reached. */
  public static final int DEFAULT_MAX_RESUMES = 3;

  private final Backend raw;
  private final Backend stack;
  private final ExecutionScope scope;
  private final RangedRead rangedRead;
  private final Set<PositionalReader> openReaders = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Operator(Backend raw, List<Layer> layers, ExecutionPolicy policy, int maxResumes) {
    this.raw = raw;
    Backend b = raw;
    for (int i = layers.size() - 1; i >= 0; i--) {
      b = Objects.requireNonNull(layers.get(i).wrap(b), "layer returned null");
    }
    ExecutionPolicy effective = policy != null ? policy : defaultPolicy(raw);
    this.scope = ExecutionLayer.scopeFor(effective, raw.scheme());
    raw.attach(scope);
    this.stack = new ExecutionLayer(b, scope);
    this.rangedRead = new RangedRead(stack, maxResumes);
  }

  /**
   * The policy an operator over {@code backend} uses when its builder names none: the backend's own
   * {@link Backend#defaultPolicy()} (global for blocking backends, external for non-blocking ones, unless
   * the backend says otherwise).
   *
   * @param backend the backend
   * @return its default policy
   */
  public static ExecutionPolicy defaultPolicy(Backend backend) {
    return Objects.requireNonNull(backend.defaultPolicy(), "backend's default policy");
  }

  /**
   * An operator over the backend a URI names, with default policy and no layers.
   *
   * @param uri such as {@code memory:}, {@code fs:///data} or {@code s3://bucket/prefix?region=eu-west-1}
   * @return a new operator, to close
   * @throws RdalException {@link ErrorKind#CONFIG_INVALID} for a malformed URI, an unknown scheme or a config key the backend does not know
   */
  public static Operator of(String uri) {
    String u = Objects.requireNonNull(uri, "uri").trim();
    if (u.matches("[A-Za-z][A-Za-z0-9+.-]*:(\\?.*)?")) {
      // a bare scheme such as "memory:" (or "memory:?key=value") names the backend with no path at all
      int colon = u.indexOf(':');
      String query = u.length() > colon + 1 ? u.substring(colon + 2) : null;
      return builder(u.substring(0, colon)).config(BackendProvider.queryParameters(query)).build();
    }
    return builder(parseUri(u)).build();
  }

  private static URI parseUri(String u) {
    try {
      return new URI(u);
    } catch (URISyntaxException e) {
      throw RdalException.builder(ErrorKind.CONFIG_INVALID,
          "malformed URI (" + e.getReason() + " at index " + e.getIndex() + "); expected e.g. memory:, "
              + "fs:///data or s3://bucket/prefix?region=eu-west-1").build();
    }
  }

  /**
   * An operator over {@code scheme} configured by {@code config}.
   *
   * @param scheme the backend's scheme
   * @param config its config keys and values
   * @return a new operator, to close
   */
  public static Operator of(String scheme, Map<String, String> config) {
    return builder(scheme).config(config).build();
  }

  /**
   * A builder for a scheme; add config keys, a policy and layers.
   *
   * @param scheme the backend's scheme
   * @return a new builder
   */
  public static Builder builder(String scheme) {
    return new Builder(Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT), null);
  }

  /**
   * A builder whose scheme and config come from a URI; more keys may be added.
   *
   * @param uri the URI naming the backend and its config
   * @return a new builder
   */
  public static Builder builder(URI uri) {
    if (uri.getScheme() == null) {
      throw RdalException.builder(ErrorKind.CONFIG_INVALID,
          "URI '" + redact(uri) + "' has no scheme; known schemes: " + knownSchemes()).build();
    }
    Builder b = new Builder(uri.getScheme().toLowerCase(Locale.ROOT), null);
    b.config.putAll(b.provider().configFromUri(uri));
    return b;
  }

  /**
   * A builder around a backend instance (for tests and for backends made by hand).
   *
   * @param backend the backend, owned by the operator from now on
   * @return a new builder
   */
  public static Builder builder(Backend backend) {
    return new Builder(backend.scheme(), Objects.requireNonNull(backend, "backend"));
  }

  /**
   * The schemes of every backend on the class path, sorted.
   *
   * @return the schemes
   */
  public static Set<String> knownSchemes() {
    Set<String> out = new TreeSet<>();
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Operator.class.getClassLoader())) {
      out.add(p.scheme());
    }
    return out;
  }

  private static String redact(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (URISyntaxException e) {
      return uri.getScheme() + ":…";
    }
  }

  /**
   * The backend's scheme.
   *
   * @return the scheme
   */
  public String scheme() {
    return raw.scheme();
  }

  /**
   * What the backend can do.
   *
   * @return the capabilities
   */
  public Capabilities capabilities() {
    return raw.capabilities();
  }

  /**
   * The execution policy in force.
   *
   * @return the policy
   */
  public ExecutionPolicy executionPolicy() {
    return scope.policy();
  }

  // ---------------------------------------------------------------- reads

  /**
   * The whole object as a stream of buffers. Each buffer belongs to the subscriber. Backpressure is real;
   * cancelling releases the file or connection at once. Missing path: {@code NOT_FOUND}; a directory:
   * {@code IS_A_DIRECTORY}.
   *
   * @param path the object's path
   * @return the object's bytes
   */
  public Flux<ByteBuffer> read(String path) {
    return read(path, ReadOptions.defaults());
  }

  /**
   * A range of the object; see {@link #readWithMeta(String, ReadOptions)} for the served range.
   *
   * @param path the object's path
   * @param range the bytes wanted
   * @return the bytes of the range
   */
  public Flux<ByteBuffer> read(String path, ByteRange range) {
    return read(path, ReadOptions.range(range));
  }

  /**
   * The object's bytes under {@code options}. With {@link ReadOptions#withLentBuffers(boolean) lent
   * buffers} each buffer is valid only until {@code onNext} returns (the fast path of backends that
   * recycle their read buffers); otherwise each belongs to the subscriber.
   *
   * @param path the object's path
   * @param options range, policy, conditions and buffer ownership
   * @return the bytes
   */
  public Flux<ByteBuffer> read(String path, ReadOptions options) {
    return readWithMeta(path, options).flatMapMany(ReadResult::body);
  }

  /**
   * The object's metadata, the served {@link ContentRange} and the body. Ranges follow
   * {@link ReadOptions#policy()}; a store's refusal of a range is healed once here (retry-with-stat), and
   * a body that breaks off is resumed from the byte it reached, pinned to its ETag, at most
   * {@link #DEFAULT_MAX_RESUMES} times. The body must be subscribed or {@link ReadResult#discard()
   * discarded}.
   *
   * @param path the object's path
   * @param options range, policy, conditions and buffer ownership
   * @return the metadata, the served range and the body
   */
  public Mono<ReadResult> readWithMeta(String path, ReadOptions options) {
    Objects.requireNonNull(options, "options");
    return call("read", path, p -> {
      if (Paths.isDirectory(p)) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "cannot read a directory").build();
      }
      require(Capability.READ, "read");
      if (!options.range().isAll()) require(Capability.RANGE_READ, "read with a range");
      if (options.isConditional()) require(Capability.CONDITIONAL_READ, "read with if-match/if-none-match");
      return rangedRead.read(p, options)
          .map(result -> result.withBody(result.body().onErrorMap(e -> contextual(e, "read", path))));
    });
  }

  /**
   * The whole object in one array (for small objects).
   *
   * @param path the object's path
   * @return its bytes
   */
  public Mono<byte[]> readAllBytes(String path) {
    return Buffers.collect(read(path));
  }

  /**
   * Opens a {@link PositionalReader} that keeps its file or connection open until closed (or until this
   * operator closes).
   *
   * @param path the object's path
   * @return an open reader, to close
   */
  public Mono<PositionalReader> openReader(String path) {
    return call("openReader", path, p -> {
      require(Capability.POSITIONAL_READ, "openReader");
      if (Paths.isDirectory(p)) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "cannot read a directory").build();
      }
      return stack.openReader(p).map(this::tracked);
    });
  }

  private PositionalReader tracked(PositionalReader reader) {
    PositionalReader handle = new PositionalReader() {
      private final AtomicBoolean handleClosed = new AtomicBoolean();

      @Override
      public ObjectMeta meta() {
        return reader.meta();
      }

      @Override
      public Mono<Integer> read(long position, ByteBuffer dst) {
        if (position < 0) {
          return Mono.error(RdalException.invalidInput("position must be >= 0, was " + position));
        }
        if (handleClosed.get()) {
          return Mono.error(RdalException.builder(ErrorKind.UNEXPECTED, "positional reader is closed")
              .path(reader.meta().path()).build());
        }
        return reader.read(position, dst);
      }

      @Override
      public void close() {
        if (handleClosed.compareAndSet(false, true)) {
          openReaders.remove(this);
          reader.close();
        }
      }
    };
    openReaders.add(handle);
    if (closed.get()) {
      handle.close();
    }
    return handle;
  }

  /**
   * The range a read served, as a region of a local file that a server may send without copying
   * ({@code sendfile}). Only backends whose objects are local files (fs) offer one, and only when the object
   * is still the version {@code result} describes; then the region stays that version until it is closed.
   * Layers that act on body bytes (throttle, fault injection) offer none. Runs on the policy's IO threads
   * like any call. Whoever receives the region must {@link LocalFileRegion#close() close} it after
   * sending; the read's own body is not consumed and should be {@link ReadResult#discard() discarded} when
   * the region is used instead.
   *
   * @param path the path that was read
   * @param result the read's answer, whose metadata and served range the region must match
   * @return the region, or empty when the backend offers none, the read served nothing, or the object
   *     changed since the read
   */
  public Mono<LocalFileRegion> localFileRegion(String path, ReadResult result) {
    Objects.requireNonNull(result, "result");
    if (result.contentRange().isUnsatisfied()) {
      return Mono.empty();
    }
    return call("localFileRegion", path, p -> stack.localFileRegion(p, result.meta(), result.contentRange()));
  }

  // ---------------------------------------------------------------- writes

  /**
   * Writes the buffers of {@code body} as the object at {@code path}. Buffers handed to rdal must not be
   * changed afterwards. Atomic in what others see: readers see the old content or the new, never a mix;
   * a publisher error, a backend failure or a cancel leaves no object and no partial bytes (the old
   * content, if any, stays). Emits the written object's metadata.
   *
   * @param path the object's path
   * @param body the bytes to write
   * @param options content type, metadata, conditions
   * @return the written object's metadata
   */
  public Mono<ObjectMeta> write(String path, Publisher<ByteBuffer> body, WriteOptions options) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(options, "options");
    return call("write", path, p -> {
      if (Paths.isDirectory(p)) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "cannot write to a directory path").build();
      }
      require(Capability.WRITE, "write");
      if (options.ifNotExists()) require(Capability.WRITE_IF_NOT_EXISTS, "write with if-not-exists");
      if (options.append()) require(Capability.APPEND, "append");
      if (options.contentType() != null) require(Capability.CONTENT_TYPE, "write with a content type");
      if (!options.userMetadata().isEmpty()) require(Capability.USER_METADATA, "write with user metadata");
      return stack.write(p, Flux.from(body), options);
    });
  }

  /**
   * Writes {@code body} with default options.
   *
   * @param path the object's path
   * @param body the bytes to write
   * @return the written object's metadata
   */
  public Mono<ObjectMeta> write(String path, Publisher<ByteBuffer> body) {
    return write(path, body, WriteOptions.defaults());
  }

  /**
   * Writes {@code bytes} (not copied: do not change the array until the write completes). The body is
   * replayable, so a retry layer may retry the write.
   *
   * @param path the object's path
   * @param bytes the content
   * @return the written object's metadata
   */
  public Mono<ObjectMeta> write(String path, byte[] bytes) {
    return write(path, bytes, WriteOptions.defaults());
  }

  /**
   * Writes {@code bytes} with options; the body is marked {@linkplain WriteOptions#replayableBody() replayable}.
   *
   * @param path the object's path
   * @param bytes the content
   * @param options content type, metadata, conditions
   * @return the written object's metadata
   */
  public Mono<ObjectMeta> write(String path, byte[] bytes, WriteOptions options) {
    return write(path, Buffers.of(bytes), options.withReplayableBody(true));
  }

  // ---------------------------------------------------------------- metadata

  /**
   * The metadata of a file or directory; {@code NOT_FOUND} when missing.
   *
   * @param path a file or directory path
   * @return its metadata
   */
  public Mono<ObjectMeta> stat(String path) {
    return call("stat", path, p -> {
      require(Capability.STAT, "stat");
      return stack.stat(p);
    });
  }

  /**
   * Whether a file or directory exists. A directory path ({@code a/}) naming a file is {@code false}: no
   * directory stands there.
   *
   * @param path a file or directory path
   * @return whether it exists
   */
  public Mono<Boolean> exists(String path) {
    return stat(path).map(m -> true)
        .onErrorResume(e -> RdalException.isKind(e, ErrorKind.NOT_FOUND)
            || RdalException.isKind(e, ErrorKind.NOT_A_DIRECTORY), e -> Mono.just(false));
  }

  // ---------------------------------------------------------------- deletes

  /**
   * Deletes a file or an empty directory; deleting a missing path succeeds. A directory that still has
   * entries is {@link ErrorKind#INVALID_INPUT} (use {@link #deleteRecursive(String)}); the root cannot be
   * deleted ({@link ErrorKind#INVALID_INPUT}).
   *
   * @param path a file or empty directory path
   * @return completes once deleted
   */
  public Mono<Void> delete(String path) {
    return call("delete", path, p -> {
      require(Capability.DELETE, "delete");
      if (Paths.ROOT.equals(p)) {
        throw RdalException.invalidInput("cannot delete the root; use deleteRecursive(\"/\") to empty it");
      }
      return stack.delete(p);
    });
  }

  /**
   * Deletes every path of {@code paths}, emitting one result per path (in any order): ok, or the error
   * for that path. Invalid paths give an {@code INVALID_INPUT} result; the stream itself fails only if
   * {@code paths} fails (with an {@link RdalException}; a foreign error becomes {@link ErrorKind#UNEXPECTED}
   * with it as the cause).
   *
   * @param paths the paths to delete
   * @return one result per path
   */
  public Flux<DeleteResult> deleteAll(Publisher<String> paths) {
    Objects.requireNonNull(paths, "paths");
    return Flux.defer(() -> {
      ensureOpen("deleteAll");
      require(Capability.DELETE, "deleteAll");
      // Both branches must be subscribed before the first path flows: the backend's branch may subscribe
      // later, on its policy's thread, and would otherwise miss paths (refCount also cancels the source
      // once both branches are gone). The paths travel as signals so that a failure of the paths is
      // raised by the first branch only, while the backend just sees its input end.
      Flux<Signal<String>> shared = Flux.from(paths).materialize().publish().refCount(2);
      Flux<DeleteResult> refused = shared.handle((Signal<String> s, SynchronousSink<DeleteResult> sink) -> {
        if (s.isOnError()) {
          sink.error(s.getThrowable());
        } else if (s.isOnNext() && !deletable(s.get())) {
          sink.next(new DeleteResult(s.get(), pathError(s.get())));
        }
      });
      Flux<String> valid = shared.handle((Signal<String> s, SynchronousSink<String> sink) -> {
        if (s.isOnNext() && deletable(s.get())) {
          sink.next(Paths.normalize(s.get()));
        }
      });
      Flux<DeleteResult> results = Flux.merge(ExecutionLayer.ENTRY_PREFETCH, refused, stack.deleteBatch(valid));
      return results
          .map(r -> r.error() == null ? r : new DeleteResult(r.path(), r.error().withContext(scheme(), "delete", r.path())));
    }).onErrorMap(e -> contextual(e, "deleteAll", null));
  }

  private boolean deletable(String p) {
    return pathError(p) == null;
  }

  private static String normalizeOrNull(String p) {
    try {
      return Paths.normalize(p);
    } catch (RdalException e) {
      return null;
    }
  }

  /** Why {@code p} cannot be deleted (invalid, over the path limits, or the root), or null. */
  private RdalException pathError(String p) {
    try {
      String n = normalized(p);
      return Paths.ROOT.equals(n) ? RdalException.invalidInput("cannot delete the root '" + n + "'") : null;
    } catch (RdalException e) {
      return e;
    }
  }

  /**
   * Deletes a directory and everything below it (or a single file). Streams the listing: files are
   * deleted as they are listed, then directories deepest first. A missing path succeeds.
   *
   * @param path a directory or file path
   * @return completes once everything is deleted
   */
  public Mono<Void> deleteRecursive(String path) {
    return call("deleteRecursive", path, p -> {
      require(Capability.DELETE, "deleteRecursive");
      require(Capability.LIST_RECURSIVE, "deleteRecursive");
      if (!Paths.isDirectory(p)) {
        return stack.stat(p)
            .flatMap(m -> m.directory() ? deleteTree(Paths.asDirectory(p)) : stack.delete(p))
            .onErrorResume(e -> RdalException.isKind(e, ErrorKind.NOT_FOUND), e -> Mono.empty());
      }
      return deleteTree(p);
    });
  }

  private Mono<Void> deleteTree(String dir) {
    List<String> dirs = new ArrayList<>();
    Flux<String> files = stack.list(dir, ListOptions.recursively())
        .onErrorResume(e -> RdalException.isKind(e, ErrorKind.NOT_FOUND), e -> Flux.empty())
        .filter(m -> {
          if (m.directory()) {
            synchronized (dirs) {
              dirs.add(m.path());
            }
            return false;
          }
          return true;
        })
        .map(ObjectMeta::path);
    return stack.deleteBatch(files)
        .handle((DeleteResult r, SynchronousSink<Void> sink) -> {
          if (r.error() != null && !RdalException.isKind(r.error(), ErrorKind.NOT_FOUND)) {
            sink.error(r.error());
          }
        })
        .then(Mono.defer(() -> {
          List<String> ordered;
          synchronized (dirs) {
            ordered = new ArrayList<>(dirs);
          }
          ordered.sort(Comparator.comparingInt((String d) -> d.length()).reversed());
          if (!Paths.ROOT.equals(dir)) ordered.add(dir);
          return Flux.fromIterable(ordered).concatMap(stack::delete, 1).then();
        }));
  }

  // ---------------------------------------------------------------- listings

  /**
   * The direct children of a directory, lazily; see {@link #list(String, ListOptions)}.
   *
   * @param dir the directory
   * @return its direct children
   */
  public Flux<ObjectMeta> list(String dir) {
    return list(dir, ListOptions.defaults());
  }

  /**
   * The entries of a directory, streamed lazily in ascending UTF-8 byte order of their paths ({@link PathOrder}), recursive
   * listings included (a listing of millions of entries is never gathered in memory). Directories end with {@code /}. {@code dir} is taken as a directory whether or
   * not it ends with {@code /}. A missing directory lists empty; a file is {@code NOT_A_DIRECTORY}.
   *
   * @param dir the directory
   * @param options recursion, start and limit
   * @return the entries
   */
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    Objects.requireNonNull(options, "options");
    return Flux.defer(() -> {
      ensureOpen("list");
      String d = Paths.asDirectory(Paths.normalize(dir));
      PathLimits.check(d, raw.capabilities());
      require(Capability.LIST, "list");
      if (options.recursive()) require(Capability.LIST_RECURSIVE, "recursive list");
      ListOptions o = options.startAfter() == null ? options
          : options.withStartAfter(Paths.normalize(options.startAfter()));
      Flux<ObjectMeta> entries = stack.list(Paths.ROOT.equals(d) ? Paths.ROOT : d, o);
      return o.limit() > 0 ? entries.take(o.limit(), true) : entries;
    }).onErrorMap(e -> contextual(e, "list", dir));
  }

  /**
   * Creates a directory and its missing parents; an existing directory is fine.
   *
   * @param dir the directory
   * @return completes once it exists
   */
  public Mono<Void> createDir(String dir) {
    return call("createDir", dir, p -> {
      require(Capability.CREATE_DIR, "createDir");
      String d = Paths.asDirectory(p);
      PathLimits.check(d, raw.capabilities());
      return stack.createDir(d);
    });
  }

  // ---------------------------------------------------------------- copy and rename

  /**
   * Copies a file onto {@code to}, overwriting it; copying a file onto itself changes nothing.
   *
   * @param from the source file
   * @param to the target path
   * @return the copy's metadata
   */
  public Mono<ObjectMeta> copy(String from, String to) {
    return call("copy", from, f -> {
      require(Capability.COPY, "copy");
      String t = normalized(to);
      if (Paths.isDirectory(f)) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "cannot copy a directory").build();
      }
      if (Paths.isDirectory(t)) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "cannot copy onto a directory path '" + t + "'").build();
      }
      return stack.copy(f, t);
    });
  }

  /**
   * Moves a file onto {@code to}, overwriting it.
   *
   * @param from the source file
   * @param to the target path
   * @return completes once moved
   */
  public Mono<Void> rename(String from, String to) {
    return call("rename", from, f -> {
      require(Capability.RENAME, "rename");
      String t = normalized(to);
      if (Paths.isDirectory(f) || Paths.isDirectory(t)) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "rename moves files, not directory paths").build();
      }
      if (f.equals(t)) {
        return stack.stat(f).flatMap(m -> m.directory()
            ? Mono.error(RdalException.builder(ErrorKind.IS_A_DIRECTORY, "rename moves files, not directories").build())
            : Mono.<Void>empty());
      }
      return stack.rename(f, t);
    });
  }

  /**
   * A URL a plain HTTP client can GET until {@code ttl} passes.
   *
   * @param path the object's path
   * @param ttl how long the URL works
   * @return the URL
   */
  public Mono<URI> presignRead(String path, Duration ttl) {
    return call("presignRead", path, p -> {
      require(Capability.PRESIGN, "presignRead");
      return stack.presignRead(p, ttl);
    });
  }

  /**
   * A URL a plain HTTP client can PUT to until {@code ttl} passes.
   *
   * @param path the object's path
   * @param ttl how long the URL works
   * @return the URL
   */
  public Mono<URI> presignWrite(String path, Duration ttl) {
    return call("presignWrite", path, p -> {
      require(Capability.PRESIGN, "presignWrite");
      return stack.presignWrite(p, ttl);
    });
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Closes open positional readers, the backend's clients and the dedicated scheduler; waits for the
   * backend to finish closing. Idempotent. Must not be called from a non-blocking thread; use
   * {@link #closeAsync()} there.
   */
  @Override
  public void close() {
    closeAsync().block();
  }

  /**
   * Closes like {@link #close()} without blocking.
   *
   * @return completes once closed
   */
  public Mono<Void> closeAsync() {
    return Mono.defer(() -> {
      if (!closed.compareAndSet(false, true)) {
        return Mono.empty();
      }
      for (PositionalReader r : new ArrayList<>(openReaders)) {
        r.close();
      }
      return stack.close();
    });
  }

  /**
   * Whether {@link #close()} has been called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public String toString() {
    return "Operator{" + raw + ", policy=" + scope.policy() + "}";
  }

  // ---------------------------------------------------------------- helpers

  private interface PathCall<T> {
    Publisher<T> apply(String normalizedPath);
  }

  private <T> Mono<T> call(String op, String path, PathCall<T> body) {
    return Mono.defer(() -> {
          ensureOpen(op);
          return Mono.from(body.apply(normalized(path)));
        })
        .onErrorMap(e -> contextual(e, op, path));
  }

  /** {@code path} normalised and within the backend's path limits. */
  private String normalized(String path) {
    String p = Paths.normalize(path);
    PathLimits.check(p, raw.capabilities());
    return p;
  }

  private Throwable contextual(Throwable e, String op, String path) {
    String p = normalizeOrNull(path);
    if (e instanceof RdalException) {
      return ((RdalException) e).withContext(scheme(), op, p != null ? p : path);
    }
    return RdalException.builder(ErrorKind.UNEXPECTED, String.valueOf(e))
        .cause(e).backend(scheme()).operation(op).path(p != null ? p : path).build();
  }

  private void ensureOpen(String op) {
    if (closed.get()) {
      throw RdalException.builder(ErrorKind.UNEXPECTED, "operator is closed; create a new one")
          .backend(scheme()).operation(op).build();
    }
  }

  private void require(Capability capability, String op) {
    if (!raw.capabilities().has(capability)) {
      throw RdalException.unsupported(scheme(), op, capability);
    }
  }

  /** Builds an {@link Operator}; not thread-safe. */
  public static final class Builder {
    private final String scheme;
    private final Backend backend;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private ExecutionPolicy policy;
    private int maxResumes = DEFAULT_MAX_RESUMES;

    private Builder(String scheme, Backend backend) {
      this.scheme = scheme;
      this.backend = backend;
    }

    /**
     * Sets one config key.
     *
     * @param key the config key
     * @param value its value
     * @return this builder
     */
    public Builder config(String key, String value) {
      config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
      return this;
    }

    /**
     * Sets many config keys.
     *
     * @param values config keys and values
     * @return this builder
     */
    public Builder config(Map<String, String> values) {
      values.forEach(this::config);
      return this;
    }

    /**
     * Where IO runs; defaults to global for blocking backends and external for the others. One operator
     * serves one backend, so this is also the per-backend override: operators of different backends in
     * one application each choose their own policy (for example a dedicated scheduler for a slow store,
     * so it cannot starve the others). A policy this JVM cannot run is a {@link ErrorKind#CONFIG_INVALID}
     * error of {@link #build()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder executionPolicy(ExecutionPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Adds a layer; the first added is the outermost (just inside the execution policy).
     *
     * @param layer the layer
     * @return this builder
     */
    public Builder layer(Layer layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /**
     * How many times a broken read body is resumed; 0 turns resuming off.
     *
     * @param maxResumes resumes per read, at least 0
     * @return this builder
     */
    public Builder maxResumes(int maxResumes) {
      if (maxResumes < 0) throw RdalException.invalidInput("maxResumes must be >= 0, was " + maxResumes);
      this.maxResumes = maxResumes;
      return this;
    }

    private BackendProvider provider() {
      List<String> known = new ArrayList<>();
      for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Operator.class.getClassLoader())) {
        if (p.scheme().equalsIgnoreCase(scheme)) {
          return p;
        }
        known.add(p.scheme());
      }
      known.sort(null);
      throw RdalException.builder(ErrorKind.CONFIG_INVALID,
              "unknown scheme '" + scheme + "'; known schemes: " + known
                  + " (add the backend's module to the class path)")
          .backend(scheme).operation("configure").build();
    }

    /**
     * Creates the backend (if not given) and the operator.
     *
     * @return a new operator, to close
     * @throws RdalException {@link ErrorKind#CONFIG_INVALID} for an unknown scheme, a config key the backend does not know, or a bad value
     */
    public Operator build() {
      Backend b = backend;
      if (b == null) {
        BackendProvider provider = provider();
        BackendConfig backendConfig = new BackendConfig(scheme, config);
        provider.configKeys().check(backendConfig);
        b = provider.create(backendConfig);
      }
      return new Operator(b, List.copyOf(layers), policy, maxResumes);
    }

    @Override
    public String toString() {
      return "Operator.Builder{" + new BackendConfig(scheme, config) + "}";
    }
  }

}
