package dev.rdal.implementation;

import dev.rdal.Capabilities;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionScope;
import dev.rdal.scheduler.WorkerLocal;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A real blocking backend for tests: flat files in a directory, read with {@link RandomAccessFile} (a
 * call BlockHound refuses on a non-blocking thread) in a pull source, one chunk per {@code request}. It
 * records the thread of every single read call, counts open file handles, and reads through a per-worker
 * scratch buffer kept in a {@link WorkerLocal} of the scope it is attached to.
 */
final class RecordingFileBackend implements Backend {

  /** Bytes per chunk: small, so a test object is many chunks. */
  static final int CHUNK = 1024;

  final Path dir;
  final List<String> readThreads = new CopyOnWriteArrayList<>();
  final List<String> openThreads = new CopyOnWriteArrayList<>();
  final List<String> closeThreads = new CopyOnWriteArrayList<>();
  /** The thread of every handle close, as it happens (for tests to wait on). */
  final BlockingQueue<String> closeEvents = new LinkedBlockingQueue<>();
  final AtomicInteger openHandles = new AtomicInteger();
  private final java.util.Set<RandomAccessFile> closedFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final AtomicInteger scratchCreated = new AtomicInteger();
  final AtomicInteger scratchClosed = new AtomicInteger();
  volatile ExecutionScope scope;
  private volatile WorkerLocal<ByteBuffer> scratch;

  RecordingFileBackend(Path dir) {
    this.dir = dir;
  }

  /** Writes a test object directly (on the test's thread). */
  void put(String name, byte[] content) {
    try {
      Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] content(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  @Override
  public String scheme() {
    return "recfile";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.of(Capability.READ, Capability.RANGE_READ, Capability.POSITIONAL_READ, Capability.WRITE,
        Capability.STAT, Capability.DELETE, Capability.LIST);
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public void attach(ExecutionScope scope) {
    this.scope = scope;
    this.scratch = scope.workerLocal("recfile-scratch", () -> {
      scratchCreated.incrementAndGet();
      return ByteBuffer.allocate(CHUNK);
    }, b -> scratchClosed.incrementAndGet());
  }

  private RandomAccessFile open(String path) {
    try {
      RandomAccessFile f = new RandomAccessFile(dir.resolve(path).toFile(), "r");
      openHandles.incrementAndGet();
      openThreads.add(Thread.currentThread().getName());
      return f;
    } catch (IOException e) {
      throw RdalException.builder(ErrorKind.NOT_FOUND, "no file '" + path + "'").cause(e).build();
    }
  }

  private void close(RandomAccessFile f) {
    if (!closedFiles.add(f)) {
      return; // already closed
    }
    try {
      f.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      openHandles.decrementAndGet();
      closeThreads.add(Thread.currentThread().getName());
      closeEvents.add(Thread.currentThread().getName());
    }
  }

  private ObjectMeta meta(String path) throws IOException {
    Path p = dir.resolve(path);
    try {
      return ObjectMeta.file(path, Files.size(p), Files.getLastModifiedTime(p).toInstant(), null);
    } catch (NoSuchFileException e) {
      throw RdalException.builder(ErrorKind.NOT_FOUND, "no file '" + path + "'").build();
    }
  }

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    return Mono.fromCallable(() -> {
      ObjectMeta meta = meta(path);
      ContentRange served = Ranges.serve(request.range(), meta.size());
      return new ReadResult(meta, served, body(path, served));
    });
  }

  /** A pull source: the file is opened on subscription, read one chunk per request, closed at the end. */
  private Flux<ByteBuffer> body(String path, ContentRange served) {
    if (served.isUnsatisfied()) {
      return Flux.empty();
    }
    long end = served.last() + 1;
    long[] position = {served.first()};
    return Flux.generate(() -> open(path), (file, sink) -> {
      readThreads.add(Thread.currentThread().getName());
      ByteBuffer buffer = scratch.get().clear();
      int n = (int) Math.min(buffer.capacity(), end - position[0]);
      try {
        file.seek(position[0]);
        file.readFully(buffer.array(), 0, n);
      } catch (IOException e) {
        sink.error(e);
        return file;
      }
      buffer.limit(n);
      ByteBuffer chunk = ByteBuffer.allocate(n).put(buffer).flip(); // the subscriber's own copy
      position[0] += n;
      sink.next(chunk);
      if (position[0] >= end) {
        close(file); // closed before completion is signalled, so a completed read holds no file
        sink.complete();
      }
      return file;
    }, this::close);
  }

  @Override
  public Mono<PositionalReader> openReader(String path) {
    return Mono.fromCallable(() -> {
      ObjectMeta meta = meta(path);
      RandomAccessFile file = open(path);
      AtomicInteger closed = new AtomicInteger();
      return new PositionalReader() {
        @Override
        public ObjectMeta meta() {
          return meta;
        }

        @Override
        public Mono<Integer> read(long position, ByteBuffer dst) {
          return Mono.fromCallable(() -> {
            readThreads.add(Thread.currentThread().getName());
            if (position >= meta.size()) {
              return -1;
            }
            synchronized (file) {
              file.seek(position);
              int n = file.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
              dst.position(dst.position() + n);
              return n;
            }
          });
        }

        @Override
        public void close() {
          if (closed.compareAndSet(0, 1)) {
            RecordingFileBackend.this.close(file);
          }
        }
      };
    });
  }

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return Mono.using(() -> new RandomAccessFile(dir.resolve(path).toFile(), "rw"),
        file -> body.doOnNext(b -> {
          try {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            file.write(bytes);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).then(Mono.fromCallable(() -> meta(path))),
        file -> {
          try {
            file.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return Mono.fromCallable(() -> meta(path));
  }

  @Override
  public Mono<Void> delete(String path) {
    return Mono.fromCallable(() -> Files.deleteIfExists(dir.resolve(path))).then();
  }

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return Flux.defer(() -> {
      try (var names = Files.list(this.dir)) {
        return Flux.fromIterable(names.map(p -> p.getFileName().toString()).sorted().toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).map(name -> ObjectMeta.file(name, 0, Instant.EPOCH, null));
  }

  @Override
  public Mono<Void> createDir(String dir) {
    return Mono.empty();
  }
}
