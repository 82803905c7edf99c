package dev.rdal.implementation;

import dev.rdal.DeleteResult;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionScope;
import dev.rdal.scheduler.NonBlockingThreads;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.ReadRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The execution policy as the outermost layer: decides on which threads the wrapped backend's work
 * runs.
 *
 * <p>Blocking backend with a scheduler: every call is subscribed on it, and read bodies are subscribed
 * with {@code requestOnSeparateThread}, so every {@code request(n)} — and with it every read — happens on
 * the policy's threads. Write bodies are moved onto it with a bounded {@code publishOn}.
 *
 * <p>Blocking backend under external: calls run on the caller's thread; a call or a pull made from a
 * non-blocking thread fails fast with {@link ErrorKind#CONFIG_INVALID} instead of blocking it.
 *
 * <p>Non-blocking backend: calls are issued on the caller's thread (or the policy's), and results and
 * chunks are handed to user code on the delivery scheduler, never on the client's event loop, unless the
 * policy delivers on the client thread.
 */
public final class ExecutionLayer extends ForwardingBackend {

  /** Chunks a write body may hold between the producer and a blocking backend's writer thread. */
  public static final int WRITE_PREFETCH = 4;

  /** Chunks a read body may hold when handed from a network client's thread to the delivery scheduler. */
  public static final int DELIVERY_PREFETCH = 4;

  private final ExecutionScope scope;
  private final Scheduler io;
  private final Scheduler delivery;
  private final boolean blocking;

  public ExecutionLayer(Backend inner, ExecutionScope scope) {
    super(inner);
    this.scope = scope;
    this.io = scope.ioScheduler();
    this.blocking = inner.isBlocking();
    this.delivery = blocking ? null : scope.deliveryScheduler();
  }

  /** The scope whose schedulers this layer uses. */
  public ExecutionScope scope() {
    return scope;
  }

  private <T> Mono<T> mono(String op, Supplier<Mono<T>> call) {
    if (blocking) {
      return io != null
          ? Mono.defer(call).subscribeOn(io)
          : Mono.defer(() -> {
              refuseNonBlockingThread(op);
              return call.get();
            });
    }
    Mono<T> m = io != null ? Mono.defer(call).subscribeOn(io) : Mono.defer(call);
    return delivery != null ? m.publishOn(delivery) : m;
  }

  private <T> Flux<T> flux(String op, Supplier<Flux<T>> call, int prefetch) {
    if (blocking) {
      return io != null
          ? Flux.defer(call).subscribeOn(io, true)
          : Flux.defer(() -> {
              refuseNonBlockingThread(op);
              return call.get();
            }).transform(f -> NonBlockingPullGuard.guard(f, () -> refusal(op)));
    }
    Flux<T> f = io != null ? Flux.defer(call).subscribeOn(io) : Flux.defer(call);
    return delivery != null ? f.publishOn(delivery, prefetch) : f;
  }

  private Flux<ByteBuffer> body(Flux<ByteBuffer> body) {
    if (blocking) {
      return io != null
          ? EarlyCancelRelease.subscribeOn(body, io)
          : NonBlockingPullGuard.guard(body, () -> refusal("read"));
    }
    return delivery != null ? body.publishOn(delivery, DELIVERY_PREFETCH) : body;
  }

  private void refuseNonBlockingThread(String op) {
    if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
      throw refusal(op);
    }
  }

  private RdalException refusal(String op) {
    return RdalException.builder(ErrorKind.CONFIG_INVALID,
            "blocking backend '" + inner.scheme() + "' was called under the external execution policy from "
                + "non-blocking thread '" + Thread.currentThread().getName() + "', which it must not block; "
                + "choose ExecutionPolicy.global(), dedicated() or custom(scheduler) for this operator")
        .backend(inner.scheme()).operation(op).build();
  }

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    // Only a blocking backend's body reaches the subscriber without a queue (subscribeOn keeps onNext
    // synchronous); a non-blocking one is handed over with publishOn, so its buffers must be owned.
    ReadRequest forwarded = blocking ? request : request.withLentBuffers(false);
    return mono("read", () -> inner.read(path, forwarded)).map(r -> r.withBody(body(r.body())));
  }

  @Override
  public Mono<PositionalReader> openReader(String path) {
    return mono("openReader", () -> inner.openReader(path)).map(this::positional);
  }

  private PositionalReader positional(PositionalReader reader) {
    return new PositionalReader() {
      @Override
      public dev.rdal.ObjectMeta meta() {
        return reader.meta();
      }

      @Override
      public Mono<Integer> read(long position, ByteBuffer dst) {
        return mono("positionalRead", () -> reader.read(position, dst));
      }

      @Override
      public void close() {
        reader.close();
      }
    };
  }

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    if (blocking && io != null) {
      return Mono.defer(() -> inner.write(path, body.publishOn(io, WRITE_PREFETCH), options)).subscribeOn(io);
    }
    if (blocking) {
      return mono("write", () -> inner.write(path, body.doOnNext(b -> refuseNonBlockingThread("write")), options));
    }
    return mono("write", () -> inner.write(path, body, options));
  }

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return mono("stat", () -> inner.stat(path));
  }

  @Override
  public Mono<Void> delete(String path) {
    return mono("delete", () -> inner.delete(path));
  }

  @Override
  public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
    return flux("deleteBatch", () -> inner.deleteBatch(paths), 32);
  }

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return flux("list", () -> inner.list(dir, options), 32);
  }

  @Override
  public Mono<Void> createDir(String dir) {
    return mono("createDir", () -> inner.createDir(dir));
  }

  @Override
  public Mono<ObjectMeta> copy(String from, String to) {
    return mono("copy", () -> inner.copy(from, to));
  }

  @Override
  public Mono<Void> rename(String from, String to) {
    return mono("rename", () -> inner.rename(from, to));
  }

  @Override
  public Mono<URI> presignRead(String path, Duration ttl) {
    return mono("presignRead", () -> inner.presignRead(path, ttl));
  }

  @Override
  public Mono<URI> presignWrite(String path, Duration ttl) {
    return mono("presignWrite", () -> inner.presignWrite(path, ttl));
  }

  @Override
  public Mono<Void> close() {
    return Mono.defer(() -> inner.close()).doFinally(s -> scope.dispose());
  }
}
