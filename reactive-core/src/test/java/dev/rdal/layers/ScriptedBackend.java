package dev.rdal.layers;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.ReadRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The memory backend with scripted misbehavior for layer tests: the next calls of an operation fail,
 * the next read bodies break off or stall, and every call and read request is recorded. Optionally
 * claims to be blocking, and then fails any call made on a non-blocking thread.
 */
final class ScriptedBackend extends ForwardingBackend {

  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<ReadRequest> reads = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<RdalException>> failures = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<Long> cuts = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<Long> stalls = new ConcurrentLinkedDeque<>();
  private final AtomicInteger subscribedBodies = new AtomicInteger();
  private final AtomicLong bodyBytes = new AtomicLong();
  private final boolean blocking;

  ScriptedBackend() {
    this(false);
  }

  ScriptedBackend(boolean blocking) {
    super(new MemoryBackend());
    this.blocking = blocking;
  }

  @Override
  public boolean isBlocking() {
    return blocking;
  }

  /** The next {@code times} calls of {@code op} fail with a temporary (or permanent) error. */
  ScriptedBackend failNext(String op, int times, boolean temporary) {
    for (int i = 0; i < times; i++) {
      failures.computeIfAbsent(op, k -> new ConcurrentLinkedDeque<>()).add(
          RdalException.builder(ErrorKind.UNEXPECTED, "scripted " + (temporary ? "temporary" : "permanent") + " failure of " + op)
              .temporary(temporary).build());
    }
    return this;
  }

  /** The next read body breaks off (temporary error) after {@code bytes} bytes. */
  ScriptedBackend cutNextRead(long bytes) {
    cuts.add(bytes);
    return this;
  }

  /** The next read body stalls forever after {@code bytes} bytes. */
  ScriptedBackend stallNextRead(long bytes) {
    stalls.add(bytes);
    return this;
  }

  int calls(String op) {
    return (int) calls.stream().filter(op::equals).count();
  }

  private Mono<Void> enter(String op) {
    return Mono.defer(() -> {
      calls.add(op);
      threads.add(Thread.currentThread().getName());
      if (blocking && Schedulers.isInNonBlockingThread()) {
        return Mono.error(new IllegalStateException("blocking backend called on " + Thread.currentThread().getName()));
      }
      ConcurrentLinkedDeque<RdalException> q = failures.get(op);
      RdalException e = q == null ? null : q.poll();
      return e == null ? Mono.empty() : Mono.error(e);
    });
  }

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    return enter("read").then(Mono.defer(() -> {
      reads.add(request);
      Long cut = cuts.poll();
      Long stall = cut == null ? stalls.poll() : null;
      return inner.read(path, request).map(r -> {
        Flux<ByteBuffer> body = r.body();
        if (cut != null) {
          body = limit(body, cut).concatWith(Flux.error(RdalException.builder(ErrorKind.UNEXPECTED,
              "scripted cut after " + cut + " bytes").temporary(true).build()));
        } else if (stall != null) {
          body = limit(body, stall).concatWith(Flux.never());
        }
        return r.withBody(body.doOnSubscribe(s -> subscribedBodies.incrementAndGet())
            .doOnNext(b -> bodyBytes.addAndGet(b.remaining())));
      });
    }));
  }

  private static Flux<ByteBuffer> limit(Flux<ByteBuffer> body, long bytes) {
    return Flux.defer(() -> {
      AtomicLong left = new AtomicLong(bytes);
      return body.takeWhile(b -> left.get() > 0).map(b -> {
        long keep = Math.min(left.get(), b.remaining());
        left.addAndGet(-keep);
        ByteBuffer d = b.duplicate();
        d.limit(d.position() + (int) keep);
        return d.slice();
      });
    });
  }

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return enter("write").then(Mono.defer(() -> inner.write(path, body, options)));
  }

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return enter("stat").then(Mono.defer(() -> inner.stat(path)));
  }

  @Override
  public Mono<Void> delete(String path) {
    return enter("delete").then(Mono.defer(() -> inner.delete(path)));
  }

  @Override
  public Flux<ObjectMeta> list(String dir, dev.rdal.ListOptions options) {
    return enter("list").thenMany(Flux.defer(() -> inner.list(dir, options)));
  }

  /** Writes bytes straight into the memory store, bypassing scripts. */
  ObjectMeta put(String path, byte[] bytes) {
    return inner.write(path, Flux.just(ByteBuffer.wrap(bytes)), WriteOptions.defaults()).block();
  }

  static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }
}
