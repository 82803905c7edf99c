package dev.rdal.memory;

import dev.rdal.Capabilities;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PathOrder;
import dev.rdal.Paths;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Objects held in memory: the embedded default for examples and tests, with every capability but
 * presigning.
 *
 * <p>Model: one map of nodes sorted in listing order ({@link PathOrder}). Files are keys without a trailing {@code /}; directories are keys
 * with one, created explicitly or as the parents of every written file, as on a file system. Every
 * file's content is an immutable array, so a reader holds a consistent snapshot for its whole body.
 *
 * <p>Concurrency: structural changes (write, delete, copy, rename, create-dir) run in short critical
 * sections on the map; content is gathered before the critical section. Concurrent writers to one path:
 * the last complete write wins; readers see either the old bytes or the new, never a mix. If-not-exists
 * and append are atomic.
 *
 * <p>Threads: never blocks; a read body copies {@link #CHUNK_SIZE} bytes per pull into a fresh buffer that
 * belongs to the subscriber, so its prefetch is exactly what downstream requested.
 */
public final class MemoryBackend implements Backend {

  /** Bytes per emitted buffer. */
  public static final int CHUNK_SIZE = 64 * 1024;

  private static final AtomicLong VERSIONS = new AtomicLong();

  private final NavigableMap<String, Node> nodes = new ConcurrentSkipListMap<>(PathOrder.UTF8);
  private final AtomicLong openHandles = new AtomicLong();
  private final Clock clock;
  private final Object lock = new Object();

  /**
   * An empty store whose times come from the system clock.
   */
  public MemoryBackend() {
    this(Clock.systemUTC());
  }

  /**
   * An empty store whose times come from {@code clock}.
   *
   * @param clock the clock of modification times
   */
  public MemoryBackend(Clock clock) {
    this.clock = clock;
  }

  /** One entry: a file (content non-null) or a directory. */
  private static final class Node {
    final byte[] content;
    final ObjectMeta meta;

    Node(byte[] content, ObjectMeta meta) {
      this.content = content;
      this.meta = meta;
    }

    boolean isDir() {
      return content == null;
    }
  }

  @Override
  public String scheme() {
    return "memory";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.all().without(dev.rdal.Capability.PRESIGN);
  }

  @Override
  public boolean isBlocking() {
    return false;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    return Mono.fromCallable(() -> {
      Node node = file(path);
      checkConditions(node, request);
      ContentRange served = Ranges.serve(request.range(), node.content.length);
      return new ReadResult(node.meta, served, body(node.content, served));
    });
  }

  private static void checkConditions(Node node, ReadRequest request) {
    String etag = node.meta.etag();
    if (request.ifMatch() != null && !request.ifMatch().equals(etag)) {
      throw RdalException.builder(ErrorKind.CONDITION_NOT_MET,
          "if-match " + request.ifMatch() + " failed: the object's ETag is " + etag).build();
    }
    if (request.ifNoneMatch() != null && request.ifNoneMatch().equals(etag)) {
      throw RdalException.builder(ErrorKind.CONDITION_NOT_MET,
          "if-none-match " + request.ifNoneMatch() + " failed: the object still has that ETag").build();
    }
  }

  /**
   * How many read bodies are being streamed and positional readers are open right now: the memory
   * store's analogue of open file descriptors, so tests can check that cancelling and closing release
   * what a read holds.
   *
   * @return the count of open handles
   */
  public long openHandles() {
    return openHandles.get();
  }

  private Flux<ByteBuffer> body(byte[] content, ContentRange served) {
    if (served.isUnsatisfied()) {
      return Flux.empty();
    }
    long end = served.last() + 1;
    return Flux.generate(() -> {
      openHandles.incrementAndGet();
      return served.first();
    }, (Long pos, reactor.core.publisher.SynchronousSink<ByteBuffer> sink) -> {
      int n = (int) Math.min(CHUNK_SIZE, end - pos);
      ByteBuffer chunk = ByteBuffer.allocate(n);
      chunk.put(content, (int) (long) pos, n).flip();
      sink.next(chunk);
      long next = pos + n;
      if (next >= end) {
        sink.complete();
      }
      return next;
    }, pos -> openHandles.decrementAndGet());
  }

  @Override
  public Mono<PositionalReader> openReader(String path) {
    return Mono.fromCallable(() -> {
      Node node = file(path);
      openHandles.incrementAndGet();
      return new PositionalReader() {
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public ObjectMeta meta() {
          return node.meta;
        }

        @Override
        public Mono<Integer> read(long position, ByteBuffer dst) {
          return Mono.fromCallable(() -> {
            if (position >= node.content.length) {
              return -1;
            }
            int n = (int) Math.min(dst.remaining(), node.content.length - position);
            dst.put(node.content, (int) position, n);
            return n;
          });
        }

        @Override
        public void close() {
          if (closed.compareAndSet(false, true)) {
            openHandles.decrementAndGet();
          }
        }
      };
    });
  }

  private Node file(String path) {
    Node node = nodes.get(path);
    if (node == null) {
      if (nodes.containsKey(path + "/")) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "path is a directory").build();
      }
      throw notFound();
    }
    return node;
  }

  private static RdalException notFound() {
    return RdalException.of(ErrorKind.NOT_FOUND, "no such object");
  }

  // ------------------------------------------------------------------ writes

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return body
        .collect(ByteArrayOutputStream::new, (out, b) -> {
          ByteBuffer d = b.duplicate();
          byte[] tmp = new byte[d.remaining()];
          d.get(tmp);
          out.write(tmp, 0, tmp.length);
        })
        .map(out -> commit(path, out.toByteArray(), options));
  }

  private ObjectMeta commit(String path, byte[] bytes, WriteOptions options) {
    synchronized (lock) {
      checkParentsAreDirectories(path);
      if (nodes.containsKey(path + "/")) {
        throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "a directory exists at this path").build();
      }
      Node old = nodes.get(path);
      if (options.ifNotExists() && old != null) {
        throw RdalException.of(ErrorKind.ALREADY_EXISTS, "object exists and if-not-exists was set");
      }
      byte[] content = bytes;
      String contentType = options.contentType();
      Map<String, String> userMetadata = options.userMetadata();
      if (options.append() && old != null) {
        content = new byte[old.content.length + bytes.length];
        System.arraycopy(old.content, 0, content, 0, old.content.length);
        System.arraycopy(bytes, 0, content, old.content.length, bytes.length);
        if (contentType == null) contentType = old.meta.contentType();
        if (userMetadata.isEmpty()) userMetadata = old.meta.userMetadata();
      }
      ObjectMeta meta = new ObjectMeta(path, false, content.length, now(), newEtag(), contentType, userMetadata);
      createParents(path);
      nodes.put(path, new Node(content, meta));
      return meta;
    }
  }

  private void checkParentsAreDirectories(String path) {
    String parent = Paths.parent(path);
    while (!Paths.ROOT.equals(parent)) {
      Node n = nodes.get(Paths.asFile(parent));
      if (n != null && !n.isDir()) {
        throw RdalException.builder(ErrorKind.NOT_A_DIRECTORY,
            "parent '" + Paths.asFile(parent) + "' is a file").build();
      }
      parent = Paths.parent(parent);
    }
  }

  private void createParents(String path) {
    String parent = Paths.parent(path);
    while (!Paths.ROOT.equals(parent) && !nodes.containsKey(parent)) {
      nodes.put(parent, new Node(null, ObjectMeta.directory(parent, now())));
      parent = Paths.parent(parent);
    }
  }

  private Instant now() {
    return clock.instant();
  }

  private static String newEtag() {
    return "\"m" + Long.toHexString(VERSIONS.incrementAndGet()) + "\"";
  }

  // ------------------------------------------------------------------ metadata

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return Mono.fromCallable(() -> {
      if (Paths.ROOT.equals(path)) {
        return ObjectMeta.directory(Paths.ROOT, null);
      }
      if (Paths.isDirectory(path)) {
        Node dir = nodes.get(path);
        if (dir != null) return dir.meta;
        checkParentsAreDirectories(path);
        if (nodes.containsKey(Paths.asFile(path))) {
          throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file");
        }
        throw notFound();
      }
      Node node = nodes.get(path);
      if (node != null) return node.meta;
      Node dir = nodes.get(path + "/");
      if (dir != null) return dir.meta;
      checkParentsAreDirectories(path);
      throw notFound();
    });
  }

  // ------------------------------------------------------------------ deletes

  @Override
  public Mono<Void> delete(String path) {
    return Mono.fromRunnable(() -> {
      synchronized (lock) {
        if (Paths.isDirectory(path)) {
          if (!nodes.containsKey(path)) {
            if (nodes.containsKey(Paths.asFile(path))) {
              throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file");
            }
            return;
          }
          String next = nodes.higherKey(path);
          if (next != null && next.startsWith(path)) {
            throw RdalException.invalidInput("directory is not empty; use deleteRecursive");
          }
          nodes.remove(path);
          return;
        }
        Node removed = nodes.remove(path);
        if (removed == null && nodes.containsKey(path + "/")) {
          throw RdalException.builder(ErrorKind.IS_A_DIRECTORY,
              "path is a directory; delete '" + path + "/' or use deleteRecursive").build();
        }
      }
    });
  }

  // ------------------------------------------------------------------ listings

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return Flux.defer(() -> {
      String prefix = Paths.childPrefix(dir);
      if (!prefix.isEmpty() && !nodes.containsKey(prefix)) {
        if (nodes.containsKey(Paths.asFile(prefix))) {
          return Flux.error(RdalException.of(ErrorKind.NOT_A_DIRECTORY, "path is a file"));
        }
        return Flux.empty();
      }
      String start = options.startAfter();
      NavigableMap<String, Node> tail = start != null && PathOrder.compare(start, prefix) >= 0
          ? nodes.tailMap(start, false)
          : nodes.tailMap(prefix, prefix.isEmpty());
      Iterable<ObjectMeta> entries = () -> new Listing(tail.entrySet().iterator(), prefix, options.recursive());
      return Flux.fromIterable(entries);
    });
  }

  /** Walks a sorted tail of the map lazily, stopping at the end of the prefix. */
  private static final class Listing implements Iterator<ObjectMeta> {
    private final Iterator<Map.Entry<String, Node>> it;
    private final String prefix;
    private final boolean recursive;
    private ObjectMeta next;

    Listing(Iterator<Map.Entry<String, Node>> it, String prefix, boolean recursive) {
      this.it = it;
      this.prefix = prefix;
      this.recursive = recursive;
      advance();
    }

    private void advance() {
      next = null;
      while (it.hasNext()) {
        Map.Entry<String, Node> e = it.next();
        String key = e.getKey();
        if (!key.startsWith(prefix)) {
          return;
        }
        if (key.equals(prefix)) {
          continue;
        }
        if (!recursive) {
          int slash = key.indexOf('/', prefix.length());
          if (slash >= 0 && slash != key.length() - 1) {
            continue; // deeper than one level; its directory entry was (or will be) emitted
          }
        }
        next = e.getValue().meta;
        return;
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public ObjectMeta next() {
      if (next == null) throw new java.util.NoSuchElementException();
      ObjectMeta out = next;
      advance();
      return out;
    }
  }

  @Override
  public Mono<Void> createDir(String dir) {
    return Mono.fromRunnable(() -> {
      if (Paths.ROOT.equals(dir)) return;
      synchronized (lock) {
        checkParentsAreDirectories(dir);
        if (nodes.containsKey(Paths.asFile(dir))) {
          throw RdalException.of(ErrorKind.NOT_A_DIRECTORY, "a file exists at this path");
        }
        if (!nodes.containsKey(dir)) {
          createParents(dir);
          nodes.put(dir, new Node(null, ObjectMeta.directory(dir, now())));
        }
      }
    });
  }

  // ------------------------------------------------------------------ copy and rename

  @Override
  public Mono<ObjectMeta> copy(String from, String to) {
    return Mono.fromCallable(() -> {
      synchronized (lock) {
        Node src = file(from);
        if (from.equals(to)) {
          return src.meta;
        }
        return place(to, src);
      }
    });
  }

  @Override
  public Mono<Void> rename(String from, String to) {
    return Mono.fromRunnable(() -> {
      synchronized (lock) {
        Node src = file(from);
        place(to, src);
        nodes.remove(from);
      }
    });
  }

  private ObjectMeta place(String to, Node src) {
    checkParentsAreDirectories(to);
    if (nodes.containsKey(to + "/")) {
      throw RdalException.builder(ErrorKind.IS_A_DIRECTORY, "target '" + to + "' is a directory").build();
    }
    ObjectMeta meta = new ObjectMeta(to, false, src.content.length, now(), newEtag(),
        src.meta.contentType(), src.meta.userMetadata());
    createParents(to);
    nodes.put(to, new Node(src.content, meta));
    return meta;
  }

  @Override
  public String toString() {
    return "MemoryBackend";
  }
}
