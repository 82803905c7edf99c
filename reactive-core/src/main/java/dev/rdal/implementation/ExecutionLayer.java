package dev.rdal.implementation;

import dev.rdal.ContentRange;
import dev.rdal.DeleteResult;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.LocalFileRegion;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.ExecutionScope;
import dev.rdal.scheduler.NonBlockingThreads;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.ReadRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The execution policy as the outermost layer: decides on which threads the wrapped backend's work
 * runs. Every prefetch of the library's thread hops is a documented constant here.
 *
 * <p><b>Blocking backend, with a scheduler</b> (global, dedicated, custom): every call is subscribed on
 * it. A read takes one worker of it for its answer and its whole body: the body is subscribed with
 * {@code subscribeOn(worker, requestOnSeparateThread=true)} on the very thread that opened the file, so
 * no second thread is woken to start it, every {@code request(n)} — and with it every read of a pull
 * source — runs on the policy's threads, and its chunks reach the subscriber there, with no further hop
 * ({@link #BLOCKING_READ_AHEAD}: the layer adds no buffering beyond the subscriber's demand; a backend
 * may read ahead on the policy's scheduler itself). A cancel is carried to the scheduler too, so a file is
 * closed there and never on the caller's thread. Write bodies and paths to delete are moved onto it with a
 * bounded {@code publishOn} ({@link #WRITE_PREFETCH}, {@link #PATH_PREFETCH}); cancelling a write
 * interrupts a chunk's write in progress there, and the failure that follows is not reported (not even
 * as a dropped error), since the cancel already ended the write for its subscriber.
 *
 * <p><b>Blocking backend under external:</b> calls run on the caller's thread; a call, a pull or a write
 * chunk arriving on a non-blocking thread fails fast with {@link ErrorKind#CONFIG_INVALID} instead of
 * blocking it, and no IO is done.
 *
 * <p><b>Non-blocking backend:</b> calls are issued on the caller's thread (they never block, and a hop
 * there would only cost a thread), and results and chunks are handed to user code on the delivery
 * scheduler — the policy's scheduler, or {@code rdal-global} under external — never on the client's event
 * loop, with at most {@link #DELIVERY_PREFETCH} chunks held across the hop, unless the policy asks to
 * deliver on the client thread. A subscriber that blocks holds its delivery thread while it blocks: other
 * streams keep flowing as long as the delivery scheduler has threads to spare, so size a dedicated or
 * custom scheduler for the subscribers that may block at once.
 */
public final class ExecutionLayer extends ForwardingBackend {

  /**
   * Chunks this layer holds for a blocking backend beyond the subscriber's demand: none. Chunks are
   * emitted on the IO thread that produced them, so there is no hop to buffer for. (A backend may read a
   * bounded number of chunks ahead on the policy's scheduler itself, as fs does; that is its own
   * documented constant.)
   */
  public static final int BLOCKING_READ_AHEAD = 0;

  /**
   * Chunks a read body may hold when handed from a network client's thread to the delivery scheduler: 4.
   * Measured: a hop per 1 MiB chunk with prefetch 4 was nearly free, prefetch 1 cost up to half the
   * throughput; Reactor's default of 256 would hold 256 MiB of 1 MiB chunks.
   */
  public static final int DELIVERY_PREFETCH = 4;

  /** Chunks a write body may hold between the producer and a blocking backend's writer thread: 4. */
  public static final int WRITE_PREFETCH = 4;

  /** Listing entries or delete results held across a hop: small records, so 32 (Reactor's XS buffer). */
  public static final int ENTRY_PREFETCH = 32;

  /** Paths held between the producer and a blocking backend's delete thread. */
  public static final int PATH_PREFETCH = 32;

  /**
   * Reactor {@link reactor.util.context.Context} key under which this layer publishes its IO
   * {@link Scheduler} to the layers inside it (when the policy has one), so that a layer which waits
   * (a retry backoff, a throttle delay) resumes a blocking backend on the policy's threads, never on a
   * timer thread.
   */
  public static final String IO_SCHEDULER_KEY = "dev.rdal.io-scheduler";

  private final ExecutionScope scope;
  private final Scheduler io;
  private final Scheduler delivery;
  private final boolean blocking;
  private final boolean checkWorkers;
  private final Scheduler cancelScheduler;
  private final Sinks.One<Boolean> closing = Sinks.one();

  public ExecutionLayer(Backend inner, ExecutionScope scope) {
    super(inner);
    this.scope = scope;
    this.io = scope.ioScheduler();
    this.blocking = inner.isBlocking();
    this.delivery = blocking ? null : scope.deliveryScheduler();
    // rdal's own schedulers are made for blocking; a user's might be non-blocking (Schedulers.parallel())
    this.checkWorkers = blocking && scope.policy().kind() == ExecutionPolicy.Kind.CUSTOM;
    this.cancelScheduler = io != null ? new CancelScheduler(io, () -> false) : null;
  }

  /**
   * Runs cancellations on the IO scheduler, so a file is closed there and not on the canceller's thread;
   * once that scheduler is disposed (the operator closed), on the canceller's thread, since a cancel must
   * never throw. A cancel issued on the read's own worker while it runs one of the read's tasks (inside
   * {@code onNext}: {@code take(n, false)}, a subscriber giving up) is already on the policy's thread and runs
   * at once: queued behind the running task, it would let a pull source go on reading to the end.
   */
  private static final class CancelScheduler implements Scheduler {
    private final Scheduler io;
    private final BooleanSupplier alreadyThere;

    CancelScheduler(Scheduler io, BooleanSupplier alreadyThere) {
      this.io = io;
      this.alreadyThere = alreadyThere;
    }

    @Override
    public Disposable schedule(Runnable task) {
      if (alreadyThere.getAsBoolean()) {
        task.run();
        return Disposables.disposed();
      }
      try {
        return io.schedule(task);
      } catch (RejectedExecutionException e) {
        task.run();
        return Disposables.disposed();
      }
    }

    @Override
    public Worker createWorker() {
      return io.createWorker();
    }

    @Override
    public boolean isDisposed() {
      return io.isDisposed();
    }
  }

  /**
   * Resolves {@code policy} for a backend of {@code scheme}; a policy this JVM cannot run (virtual
   * threads before JDK 21) or a bad name is a {@link ErrorKind#CONFIG_INVALID} error.
   */
  public static ExecutionScope scopeFor(ExecutionPolicy policy, String scheme) {
    try {
      return new ExecutionScope(policy, scheme);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw RdalException.builder(ErrorKind.CONFIG_INVALID, "execution policy " + policy + ": " + e.getMessage())
          .cause(e).backend(scheme).operation("configure").build();
    }
  }

  /** The scope whose schedulers this layer uses. */
  public ExecutionScope scope() {
    return scope;
  }

  private <T> Mono<T> mono(String op, Supplier<Mono<T>> call) {
    if (blocking) {
      return io != null
          ? onIo(op, call, io)
          : Mono.defer(() -> {
              refuseNonBlockingThread(op);
              return call.get();
            });
    }
    Mono<T> m = Mono.defer(call); // a non-blocking client's call never blocks: no hop to issue it
    return delivery != null ? m.publishOn(delivery) : m;
  }

  /**
   * A blocking call subscribed on {@code on} (the IO scheduler, or one worker of it), checked, with the
   * IO scheduler in its context.
   */
  private <T> Mono<T> onIo(String op, Supplier<Mono<T>> call, Scheduler on) {
    return Mono.defer(checked(op, call)).subscribeOn(on).contextWrite(ctx -> ctx.put(IO_SCHEDULER_KEY, io));
  }

  private <T> Flux<T> flux(String op, Supplier<Flux<T>> call) {
    return endedByClose(op, onPolicyThreads(op, call));
  }

  private <T> Flux<T> onPolicyThreads(String op, Supplier<Flux<T>> call) {
    if (blocking) {
      // the guard alone refuses a subscription or a pull on a non-blocking thread, so a refused stream
      // ends with one error: a second refusal by the deferred call would reach a terminated subscriber
      return io != null
          ? checkedPulls(op, Flux.defer(call)).subscribeOn(io, true).cancelOn(cancelScheduler).contextWrite(ctx -> ctx.put(IO_SCHEDULER_KEY, io))
          : NonBlockingPullGuard.guard(Flux.defer(call), () -> refusal(op));
    }
    Flux<T> f = Flux.defer(call);
    return delivery != null ? f.publishOn(delivery, ENTRY_PREFETCH) : f;
  }

  /** A body under external (blocking backend) or of a non-blocking backend; see {@link #pinnedBody}. */
  private Flux<ByteBuffer> body(Flux<ByteBuffer> body) {
    if (blocking) {
      return endedByClose("read", NonBlockingPullGuard.guard(body, () -> refusal("read")));
    }
    return endedByClose("read", delivery != null ? body.publishOn(delivery, DELIVERY_PREFETCH) : body);
  }

  /**
   * A stream still running when the operator closes is cancelled (so its file or connection is
   * released) and fails with a clear error; it never looks complete.
   */
  private <T> Flux<T> endedByClose(String op, Flux<T> stream) {
    return Flux.defer(() -> {
      AtomicBoolean completed = new AtomicBoolean();
      return stream.doOnComplete(() -> completed.set(true))
          .takeUntilOther(closing.asMono())
          .concatWith(Mono.defer(() -> completed.get() ? Mono.empty() : Mono.error(closedMidStream(op))));
    });
  }

  private RdalException closedMidStream(String op) {
    return RdalException.builder(ErrorKind.UNEXPECTED,
            "the operator was closed while this stream was running; its file or connection was released")
        .backend(inner.scheme()).operation(op).build();
  }

  /** Under a custom policy, refuses to run a blocking call on a worker that must not block. */
  private <T> Supplier<T> checked(String op, Supplier<T> call) {
    if (!checkWorkers) {
      return call;
    }
    return () -> {
      if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
        throw customRefusal(op);
      }
      return call.get();
    };
  }

  /** Elements handed to a blocking backend on the IO scheduler, at most {@code prefetch} held. */
  private <T> Flux<T> movedToIo(String op, Flux<T> elements, int prefetch) {
    Flux<T> onIo = elements.publishOn(io, prefetch);
    return !checkWorkers ? onIo : onIo.doOnNext(e -> {
      if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
        throw customRefusal(op);
      }
    });
  }

  private <T> Flux<T> checkedPulls(String op, Flux<T> source) {
    return checkWorkers ? NonBlockingPullGuard.guard(source, () -> customRefusal(op)) : source;
  }

  private RdalException customRefusal(String op) {
    return RdalException.builder(ErrorKind.CONFIG_INVALID,
            "blocking backend '" + inner.scheme() + "' cannot run on the custom scheduler's thread '"
                + Thread.currentThread().getName() + "', which must not block (a parallel or event-loop "
                + "scheduler); give ExecutionPolicy.custom a scheduler for blocking work, such as "
                + "Schedulers.boundedElastic(), or choose ExecutionPolicy.global() or dedicated()")
        .backend(inner.scheme()).operation(op).build();
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
    if (blocking && io != null) {
      return Mono.defer(() -> readOnOneWorker(path, request, new PinnedWorker(io.createWorker())));
    }
    // Only a blocking backend's body reaches the subscriber without a queue (subscribeOn keeps onNext
    // synchronous); a non-blocking one is handed over with publishOn, so its buffers must be owned.
    ReadRequest forwarded = blocking ? request : request.withLentBuffers(false);
    return mono("read", () -> inner.read(path, forwarded)).map(r -> r.withBody(body(r.body())));
  }

  /**
   * A blocking backend's read with a scheduler: the answer (opening the file) and then the whole body run
   * on one worker, so the body is subscribed on the thread that opened the file without waking another.
   * The worker is released when the body ends, fails or is cancelled, or when no answer is handed out.
   */
  private Mono<ReadResult> readOnOneWorker(String path, ReadRequest request, PinnedWorker worker) {
    AtomicBoolean handedOut = new AtomicBoolean();
    return onIo("read", () -> inner.read(path, request), worker)
        .map(r -> {
          handedOut.set(true);
          return r.withBody(pinnedBody(r.body(), worker));
        })
        .doFinally(signal -> {
          if (!handedOut.get()) {
            worker.release();
          }
        });
  }

  private Flux<ByteBuffer> pinnedBody(Flux<ByteBuffer> body, PinnedWorker worker) {
    // EarlyCancelRelease: a body cancelled before the hop subscribed it still reaches the backend
    return endedByClose("read", EarlyCancelRelease.subscribeOn(checkedPulls("read", body), worker)
        .doFinally(signal -> worker.release())
        .cancelOn(new CancelScheduler(io, worker::isRunningOnCurrentThread))
        .contextWrite(ctx -> ctx.put(IO_SCHEDULER_KEY, io)));
  }

  @Override
  public Mono<PositionalReader> openReader(String path) {
    return mono("openReader", () -> inner.openReader(path)).map(this::positional);
  }

  private PositionalReader positional(PositionalReader reader) {
    return new PositionalReader() {
      @Override
      public ObjectMeta meta() {
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
      Flux<ByteBuffer> chunks = movedToIo("write", body, WRITE_PREFETCH);
      return Mono.defer(() -> {
        // A cancel disposes the hop's worker, which interrupts the write of a chunk in progress (a file
        // channel then fails with ClosedByInterruptException): that failure is the cancel's own echo,
        // and nobody is left to receive it, so it ends the write quietly instead of as a dropped error.
        AtomicBoolean cancelled = new AtomicBoolean();
        return Mono.defer(checked("write", () -> inner.write(path, chunks, options)))
            .onErrorResume(e -> cancelled.get(), e -> Mono.empty())
            .doOnCancel(() -> cancelled.set(true));
      }).subscribeOn(io).contextWrite(ctx -> ctx.put(IO_SCHEDULER_KEY, io));
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
  public Mono<LocalFileRegion> localFileRegion(String path, ObjectMeta version, ContentRange served) {
    return mono("localFileRegion", () -> inner.localFileRegion(path, version, served));
  }

  @Override
  public Mono<Void> delete(String path) {
    return mono("delete", () -> inner.delete(path));
  }

  @Override
  public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
    if (blocking && io != null) {
      return flux("deleteBatch", () -> inner.deleteBatch(movedToIo("delete", paths, PATH_PREFETCH)));
    }
    if (blocking) {
      return flux("deleteBatch", () -> inner.deleteBatch(paths.doOnNext(p -> refuseNonBlockingThread("delete"))));
    }
    return flux("deleteBatch", () -> inner.deleteBatch(paths));
  }

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return flux("list", () -> inner.list(dir, options));
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

  /**
   * Closes the backend (on the IO scheduler for a blocking backend that has one), then the scope: the
   * dedicated scheduler stops and worker-local values are closed, even when the backend's close fails.
   */
  @Override
  public Mono<Void> close() {
    closing.tryEmitValue(Boolean.TRUE); // running streams end first, releasing what they hold
    Mono<Void> closeInner = blocking && io != null && !io.isDisposed()
        ? Mono.defer(inner::close).subscribeOn(io)
        : Mono.defer(inner::close);
    return closeInner
        .onErrorResume(e -> scope.close().then(Mono.error(e)))
        .then(scope.close());
  }
}
