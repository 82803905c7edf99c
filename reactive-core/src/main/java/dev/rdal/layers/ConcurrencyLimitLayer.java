package dev.rdal.layers;

import dev.rdal.DeleteResult;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import dev.rdal.spi.ReadRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * At most N operations in flight per operator (per backend this layer wraps); the others wait their turn,
 * first come first served.
 *
 * <p>An operation holds its permit from its start until it ends: a read until its body completes, fails
 * or is cancelled (so a read result must be consumed or {@link ReadResult#discard() discarded}); a
 * listing until its stream ends; a batch delete per batch of {@value #DELETE_BATCH} paths; a write until it is committed or has failed; an
 * {@code openReader} only while the reader is being opened.
 *
 * <p>Waiting is non-blocking (no thread parks). Cancelling an operation that waits gives up its place
 * at once. A waiter whose turn comes runs on the thread that released the permit; for a blocking
 * backend it is moved to the execution policy's IO scheduler first. Capabilities pass through unchanged.
 */
public final class ConcurrencyLimitLayer implements Layer {

  /** Paths deleted under one permit by a batch delete. */
  public static final int DELETE_BATCH = 256;

  private final int maxInFlight;

  /**
   * A limit of {@code maxInFlight} operations in flight per operator.
   *
   * @param maxInFlight the most operations in flight, at least 1
   */
  public ConcurrencyLimitLayer(int maxInFlight) {
    if (maxInFlight < 1) {
      throw RdalException.invalidInput("maxInFlight must be >= 1, was " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
  }

  /**
   * The most operations in flight at once.
   *
   * @return the limit
   */
  public int maxInFlight() {
    return maxInFlight;
  }

  @Override
  public Backend wrap(Backend inner) {
    return new Limited(inner, new FairPermits(maxInFlight));
  }

  @Override
  public String toString() {
    return "ConcurrencyLimitLayer(" + maxInFlight + ")";
  }

  private static final class Limited extends ForwardingBackend {
    private final FairPermits permits;

    Limited(Backend inner, FairPermits permits) {
      super(inner);
      this.permits = permits;
    }

    private <T> Mono<T> onTurn(ContextView ctx, FairPermits.Holder h, Mono<T> call) {
      return h.waited() && inner.isBlocking() ? call.subscribeOn(Timers.pick(ctx, inner, null)) : call;
    }

    private <T> Flux<T> onTurn(ContextView ctx, FairPermits.Holder h, Flux<T> call) {
      return h.waited() && inner.isBlocking() ? call.subscribeOn(Timers.pick(ctx, inner, null), false) : call;
    }

    private <T> Mono<T> limited(Supplier<Mono<T>> call) {
      return Mono.deferContextual(ctx -> {
        FairPermits.Holder h = permits.holder();
        return permits.acquire(h)
            .then(Mono.defer(() -> onTurn(ctx, h, Mono.defer(call))))
            .doFinally(s -> h.release());
      });
    }

    private <T> Flux<T> limitedMany(Supplier<Flux<T>> call) {
      return Flux.deferContextual(ctx -> {
        FairPermits.Holder h = permits.holder();
        return permits.acquire(h)
            .thenMany(Flux.defer(() -> onTurn(ctx, h, Flux.defer(call))))
            .doFinally(s -> h.release());
      });
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      return Mono.deferContextual(ctx -> {
        FairPermits.Holder h = permits.holder();
        AtomicBoolean handedToBody = new AtomicBoolean();
        return permits.acquire(h)
            .then(Mono.defer(() -> onTurn(ctx, h, Mono.defer(() -> inner.read(path, request)))))
            .map(r -> {
              handedToBody.set(true);
              return r.withBody(r.body().doFinally(s -> h.release()));
            })
            .doFinally(s -> {
              if (!handedToBody.get()) h.release();
            });
      });
    }

    @Override
    public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
      return limited(() -> inner.write(path, body, options));
    }

    @Override
    public Flux<ObjectMeta> list(String dir, ListOptions options) {
      return limitedMany(() -> inner.list(dir, options));
    }

    /**
     * Paths are gathered in batches of {@link #DELETE_BATCH}, each deleted under one permit; the stream
     * of paths is consumed outside any permit, since it is often a listing that needs one of its own.
     */
    @Override
    public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
      return paths.buffer(DELETE_BATCH)
          .concatMap(batch -> limitedMany(() -> inner.deleteBatch(Flux.fromIterable(batch))));
    }

    @Override
    public Mono<PositionalReader> openReader(String path) {
      return limited(() -> inner.openReader(path));
    }

    @Override
    public Mono<ObjectMeta> stat(String path) {
      return limited(() -> inner.stat(path));
    }

    @Override
    public Mono<Void> delete(String path) {
      return limited(() -> inner.delete(path));
    }

    @Override
    public Mono<Void> createDir(String dir) {
      return limited(() -> inner.createDir(dir));
    }

    @Override
    public Mono<ObjectMeta> copy(String from, String to) {
      return limited(() -> inner.copy(from, to));
    }

    @Override
    public Mono<Void> rename(String from, String to) {
      return limited(() -> inner.rename(from, to));
    }

    @Override
    public Mono<URI> presignRead(String path, Duration ttl) {
      return limited(() -> inner.presignRead(path, ttl));
    }

    @Override
    public Mono<URI> presignWrite(String path, Duration ttl) {
      return limited(() -> inner.presignWrite(path, ttl));
    }

    @Override
    public String toString() {
      return "Limited(" + permits + ", " + inner + ")";
    }
  }
}
