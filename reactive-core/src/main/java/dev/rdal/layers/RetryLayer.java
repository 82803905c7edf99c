package dev.rdal.layers;

import dev.rdal.DeleteResult;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.implementation.ResumableBody;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import dev.rdal.spi.ReadRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Retries operations that failed with a {@linkplain RdalException#isTemporary() temporary} error, with
 * exponential backoff and jitter ({@code Retry.backoff}), at most {@link RetryPolicy#maxRetries()} times
 * and never after {@link RetryPolicy#maxElapsed()}. Permanent errors pass at once. Every retry is told to
 * the policy's {@link RetryListener} first.
 *
 * <ul>
 *   <li><b>Reads</b>: opening is retried; a body that breaks off is resumed from the byte it reached,
 *       pinned to its ETag ({@link ResumableBody}), with the same backoff — bytes already delivered are
 *       never emitted again, and a changed object fails with {@code CONDITION_NOT_MET}.
 *   <li><b>Writes</b> are retried only when the body can be replayed: when
 *       {@link WriteOptions#replayableBody()} says it can be subscribed again, or when it fits in the
 *       policy's {@linkplain RetryPolicy#writeReplayBuffer() write replay buffer} (then it is gathered
 *       in memory before the first attempt). Otherwise a temporary failure is reported with a message
 *       saying why it was not retried. Backends write atomically, so a failed attempt leaves nothing.
 *   <li><b>Listings</b> are retried only while no entry has been emitted.
 *   <li><b>Batch deletes</b>: each path whose delete failed temporarily is deleted again on its own.
 *   <li>stat, delete, createDir, copy, rename, openReader and presign calls are retried as a whole.
 *       Positional reads through an opened reader are not retried.
 * </ul>
 *
 * <p>Threads: backoffs wait on Reactor timers (see {@link RetryPolicy#scheduler()}); a blocking backend
 * waits on, and is called again from, its execution policy's IO scheduler. No thread is blocked.
 * Cancelling stops the current attempt and any pending backoff. Capabilities pass through unchanged.
 */
public final class RetryLayer implements Layer {

  private static final Logger LOG = LoggerFactory.getLogger(RetryLayer.class);

  private final RetryPolicy policy;

  /**
   * A layer retrying as {@code policy} says.
   *
   * @param policy the retry policy
   */
  public RetryLayer(RetryPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The policy in force.
   *
   * @return the policy
   */
  public RetryPolicy policy() {
    return policy;
  }

  @Override
  public Backend wrap(Backend inner) {
    return new Retrying(inner);
  }

  @Override
  public String toString() {
    return "RetryLayer(" + policy.maxRetries() + " retries)";
  }

  static boolean isTemporary(Throwable e) {
    return e instanceof RdalException && ((RdalException) e).isTemporary();
  }

  private final class Retrying extends ForwardingBackend {

    Retrying(Backend inner) {
      super(inner);
    }

    private Retry spec(String op, String path, Scheduler timer, BooleanSupplier mayRetry) {
      long start = timer.now(TimeUnit.NANOSECONDS);
      Duration maxElapsed = policy.maxElapsed();
      return Retry.backoff(policy.maxRetries(), policy.firstBackoff())
          .maxBackoff(policy.maxBackoff())
          .jitter(policy.jitter())
          .scheduler(timer)
          .filter(e -> isTemporary(e) && mayRetry.getAsBoolean()
              && timer.now(TimeUnit.NANOSECONDS) - start < maxElapsed.toNanos())
          .doBeforeRetry(signal -> notify(new RetryEvent(inner.scheme(), op, path, signal.totalRetries() + 1,
              (RdalException) signal.failure(), Duration.ofNanos(timer.now(TimeUnit.NANOSECONDS) - start))))
          .onRetryExhaustedThrow((s, signal) -> signal.failure());
    }

    private void notify(RetryEvent event) {
      try {
        policy.listener().onRetry(event);
      } catch (RuntimeException e) {
        LOG.warn("retry listener failed on {} of {}: {}", event.operation(), event.path(), e.toString());
      }
    }

    private <T> Mono<T> retried(String op, String path, Supplier<Mono<T>> call) {
      return Mono.deferContextual(ctx -> {
        Scheduler timer = Timers.pick(ctx, inner, policy.scheduler());
        return Mono.defer(call).retryWhen(spec(op, path, timer, () -> true));
      });
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      return Mono.deferContextual(ctx -> {
        Scheduler timer = Timers.pick(ctx, inner, policy.scheduler());
        return Mono.defer(() -> inner.read(path, request))
            .retryWhen(spec("read", path, timer, () -> true))
            .map(first -> ResumableBody.of(path, first, rest -> inner.read(path, rest),
                spec("read.resume", path, timer, () -> true)));
      });
    }

    @Override
    public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
      if (options.replayableBody()) {
        return retried("write", path, () -> inner.write(path, body, options));
      }
      if (policy.writeReplayBuffer() > 0) {
        return gathered(path, body, options, policy.writeReplayBuffer());
      }
      return once(path, body, options);
    }

    private Mono<ObjectMeta> once(String path, Flux<ByteBuffer> body, WriteOptions options) {
      return Mono.defer(() -> inner.write(path, body, options))
          .onErrorMap(RetryLayer::isTemporary, e -> notRetried(path, (RdalException) e));
    }

    /**
     * Gathers a body read once, up to {@code limit} bytes: if it ends within them it is written from
     * memory, with retries (each attempt gets duplicates of the same buffers); otherwise what was gathered
     * and the rest of the stream are written once.
     */
    private Mono<ObjectMeta> gathered(String path, Flux<ByteBuffer> body, WriteOptions options, long limit) {
      return Flux.defer(() -> {
        long[] seen = {0};
        return body.bufferUntil(b -> (seen[0] += b.remaining()) > limit)
            .switchOnFirst((first, lists) -> {
              if (first.isOnError()) {
                return lists.thenMany(Flux.<ObjectMeta>empty());
              }
              List<ByteBuffer> whole = first.isOnComplete() ? List.of() : first.get();
              long size = whole.stream().mapToLong(ByteBuffer::remaining).sum();
              if (size <= limit) {
                Flux<ByteBuffer> replay = Flux.fromIterable(whole).map(ByteBuffer::duplicate);
                return lists.then(retried("write", path, () -> inner.write(path, replay, options))).flux();
              }
              return once(path, lists.concatMapIterable(l -> l), options).flux();
            });
      }).next();
    }

    private RdalException notRetried(String path, RdalException e) {
      return RdalException.builder(e.kind(),
              "write failed with a temporary error and was not retried because its body can be read only once "
                  + "(write a byte[], pass WriteOptions.withReplayableBody(true) with a body that gives the "
                  + "same bytes on every subscription, or give the retry policy a write replay buffer larger "
                  + "than the body): " + e.getMessage())
          .cause(e).temporary(true).backend(e.backend()).operation("write").path(path).build();
    }

    @Override
    public Flux<ObjectMeta> list(String dir, ListOptions options) {
      return Flux.deferContextual(ctx -> {
        Scheduler timer = Timers.pick(ctx, inner, policy.scheduler());
        AtomicBoolean emitted = new AtomicBoolean();
        return Flux.defer(() -> inner.list(dir, options))
            .doOnNext(e -> emitted.set(true))
            .retryWhen(spec("list", dir, timer, () -> !emitted.get()));
      });
    }

    @Override
    public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
      return inner.deleteBatch(paths).flatMap(r -> r.error() != null && r.error().isTemporary()
          ? delete(r.path()).thenReturn(new DeleteResult(r.path(), null))
              .onErrorResume(RdalException.class, e -> Mono.just(new DeleteResult(r.path(), e)))
          : Mono.just(r), 4);
    }

    @Override
    public Mono<PositionalReader> openReader(String path) {
      return retried("openReader", path, () -> inner.openReader(path));
    }

    @Override
    public Mono<ObjectMeta> stat(String path) {
      return retried("stat", path, () -> inner.stat(path));
    }

    @Override
    public Mono<Void> delete(String path) {
      return retried("delete", path, () -> inner.delete(path));
    }

    @Override
    public Mono<Void> createDir(String dir) {
      return retried("createDir", dir, () -> inner.createDir(dir));
    }

    @Override
    public Mono<ObjectMeta> copy(String from, String to) {
      return retried("copy", from, () -> inner.copy(from, to));
    }

    @Override
    public Mono<Void> rename(String from, String to) {
      return retried("rename", from, () -> inner.rename(from, to));
    }

    @Override
    public Mono<URI> presignRead(String path, Duration ttl) {
      return retried("presignRead", path, () -> inner.presignRead(path, ttl));
    }

    @Override
    public Mono<URI> presignWrite(String path, Duration ttl) {
      return retried("presignWrite", path, () -> inner.presignWrite(path, ttl));
    }
  }
}
