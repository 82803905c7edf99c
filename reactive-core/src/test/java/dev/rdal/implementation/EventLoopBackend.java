package dev.rdal.implementation;

import dev.rdal.Capabilities;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A non-blocking backend that behaves like a network client: every answer and every chunk is emitted
 * from its Netty event loop, one chunk per unit of demand. It counts, per path, the chunks asked of it
 * and the chunks it emitted, so tests can see how far it ran ahead of the subscriber.
 */
final class EventLoopBackend implements Backend {

  static final int CHUNK = 512;

  private final EventLoop loop;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> requested = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> emitted = new ConcurrentHashMap<>();
  final List<String> emitThreads = new CopyOnWriteArrayList<>();

  EventLoopBackend(EventLoop loop) {
    this.loop = loop;
  }

  void put(String path, byte[] content) {
    objects.put(path, content);
  }

  @Override
  public String scheme() {
    return "loop";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.of(Capability.READ, Capability.STAT);
  }

  @Override
  public boolean isBlocking() {
    return false;
  }

  private ObjectMeta meta(String path) {
    byte[] content = objects.get(path);
    if (content == null) {
      throw RdalException.builder(dev.rdal.ErrorKind.NOT_FOUND, "no object '" + path + "'").build();
    }
    return ObjectMeta.file(path, content.length, Instant.EPOCH, "\"" + content.length + "\"");
  }

  /** Completes on the event loop, as a client's response does. */
  private <T> Mono<T> onLoop(java.util.concurrent.Callable<T> answer) {
    return Mono.create(sink -> loop.execute(() -> {
      try {
        sink.success(answer.call());
      } catch (Exception e) {
        sink.error(e);
      }
    }));
  }

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    return onLoop(() -> {
      ObjectMeta meta = meta(path);
      ContentRange served = Ranges.serve(request.range(), meta.size());
      return new ReadResult(meta, served, body(path, objects.get(path), served));
    });
  }

  private Flux<ByteBuffer> body(String path, byte[] content, ContentRange served) {
    if (served.isUnsatisfied()) {
      return Flux.empty();
    }
    AtomicLong asked = requested.computeIfAbsent(path, k -> new AtomicLong());
    AtomicLong sent = emitted.computeIfAbsent(path, k -> new AtomicLong());
    long end = served.last() + 1;
    return Flux.create(sink -> {
      long[] position = {served.first()};
      long[] demand = {0};
      sink.onRequest(n -> loop.execute(() -> {
        asked.addAndGet(n);
        demand[0] = demand[0] + n < 0 ? Long.MAX_VALUE : demand[0] + n;
        while (demand[0] > 0 && position[0] < end && !sink.isCancelled()) {
          int len = (int) Math.min(CHUNK, end - position[0]);
          ByteBuffer chunk = ByteBuffer.wrap(content, (int) position[0], len).slice();
          position[0] += len;
          demand[0]--;
          sent.incrementAndGet();
          emitThreads.add(Thread.currentThread().getName());
          sink.next(chunk);
        }
        if (position[0] >= end) {
          sink.complete();
        }
      }));
    });
  }

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return Mono.error(RdalException.unsupported(scheme(), "write", Capability.WRITE));
  }

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return onLoop(() -> meta(path));
  }

  @Override
  public Mono<Void> delete(String path) {
    return Mono.error(RdalException.unsupported(scheme(), "delete", Capability.DELETE));
  }

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return Flux.error(RdalException.unsupported(scheme(), "list", Capability.LIST));
  }

  @Override
  public Mono<Void> createDir(String dir) {
    return Mono.error(RdalException.unsupported(scheme(), "createDir", Capability.CREATE_DIR));
  }
}
