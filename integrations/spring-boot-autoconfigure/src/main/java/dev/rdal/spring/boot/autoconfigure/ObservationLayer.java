package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.DeleteResult;
import dev.rdal.ListOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import dev.rdal.spi.ReadRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * One Micrometer {@link Observation} per storage operation, named {@value #NAME}: with tracing, a span per
 * call; with a meter registry, Boot's observation handler adds a timer of that name. Low-cardinality keys
 * {@code rdal.store}, {@code rdal.backend}, {@code rdal.operation} and {@code rdal.outcome} ({@code success},
 * {@code error}, {@code cancelled}); the path is a high-cardinality key ({@code rdal.path}, never a query
 * or a credential). The observation in the subscriber's Reactor context (WebFlux puts the request's there)
 * is the parent. A read lasts until its body ends. Signals, threads and backpressure pass through
 * unchanged; nothing blocks.
 */
final class ObservationLayer implements Layer {

  /** The observation's name. */
  static final String NAME = "rdal.operation";

  /** The Reactor context key under which Micrometer keeps the current observation. */
  static final String CONTEXT_KEY = "micrometer.observation";

  private final ObservationRegistry registry;
  private final String store;

  ObservationLayer(ObservationRegistry registry, String store) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Backend wrap(Backend inner) {
    return new Observed(inner);
  }

  @Override
  public String toString() {
    return "ObservationLayer[" + store + "]";
  }

  /** One running observation that ends once. */
  private static final class Running {
    final Observation observation;
    private final AtomicBoolean ended = new AtomicBoolean();

    Running(Observation observation) {
      this.observation = observation;
    }

    void end(String outcome, Throwable error) {
      if (ended.compareAndSet(false, true)) {
        observation.lowCardinalityKeyValue("rdal.outcome", outcome);
        if (error != null) {
          observation.error(error);
        }
        observation.stop();
      }
    }
  }

  private final class Observed extends ForwardingBackend {

    Observed(Backend inner) {
      super(inner);
    }

    private Running start(String operation, String path, ContextView context) {
      Observation o = Observation.createNotStarted(NAME, registry)
          .contextualName("rdal " + operation)
          .lowCardinalityKeyValue("rdal.store", store)
          .lowCardinalityKeyValue("rdal.backend", inner.scheme())
          .lowCardinalityKeyValue("rdal.operation", operation)
          .highCardinalityKeyValue("rdal.path", path == null ? "" : path);
      Object parent = context.getOrDefault(CONTEXT_KEY, null);
      if (parent instanceof Observation p) {
        o.parentObservation(p);
      }
      return new Running(o.start());
    }

    private <T> Mono<T> observe(String operation, String path, Supplier<Mono<T>> call) {
      return Mono.deferContextual(context -> {
        Running r = start(operation, path, context);
        return call(call)
            .doOnSuccess(v -> r.end("success", null))
            .doOnError(e -> r.end("error", e))
            .doOnCancel(() -> r.end("cancelled", null))
            .contextWrite(c -> c.put(CONTEXT_KEY, r.observation));
      });
    }

    private <T> Flux<T> observeMany(String operation, String path, Supplier<Flux<T>> call) {
      return Flux.deferContextual(context -> {
        Running r = start(operation, path, context);
        Flux<T> f;
        try {
          f = call.get();
        } catch (RuntimeException e) {
          f = Flux.error(e);
        }
        return f
            .doOnComplete(() -> r.end("success", null))
            .doOnError(e -> r.end("error", e))
            .doOnCancel(() -> r.end("cancelled", null))
            .contextWrite(c -> c.put(CONTEXT_KEY, r.observation));
      });
    }

    private <T> Mono<T> call(Supplier<Mono<T>> call) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        return Mono.error(e);
      }
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      return Mono.deferContextual(context -> {
        Running r = start("read", path, context);
        AtomicBoolean opened = new AtomicBoolean();
        return call(() -> inner.read(path, request))
            .doOnError(e -> r.end("error", e))
            .doOnCancel(() -> {
              if (!opened.get()) r.end("cancelled", null);
            })
            .map(result -> {
              opened.set(true);
              return result.withBody(result.body()
                  .doOnComplete(() -> r.end("success", null))
                  .doOnError(e -> r.end("error", e))
                  .doOnCancel(() -> r.end("cancelled", null)));
            })
            .contextWrite(c -> c.put(CONTEXT_KEY, r.observation));
      });
    }

    @Override
    public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
      return observe("write", path, () -> inner.write(path, body, options));
    }

    @Override
    public Mono<PositionalReader> openReader(String path) {
      return observe("openReader", path, () -> inner.openReader(path));
    }

    @Override
    public Mono<ObjectMeta> stat(String path) {
      return observe("stat", path, () -> inner.stat(path));
    }

    @Override
    public Mono<Void> delete(String path) {
      return observe("delete", path, () -> inner.delete(path));
    }

    @Override
    public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
      return observeMany("deleteBatch", null, () -> inner.deleteBatch(paths));
    }

    @Override
    public Flux<ObjectMeta> list(String dir, ListOptions options) {
      return observeMany("list", dir, () -> inner.list(dir, options));
    }

    @Override
    public Mono<Void> createDir(String dir) {
      return observe("createDir", dir, () -> inner.createDir(dir));
    }

    @Override
    public Mono<ObjectMeta> copy(String from, String to) {
      return observe("copy", from, () -> inner.copy(from, to));
    }

    @Override
    public Mono<Void> rename(String from, String to) {
      return observe("rename", from, () -> inner.rename(from, to));
    }

    @Override
    public Mono<URI> presignRead(String path, Duration ttl) {
      return observe("presignRead", path, () -> inner.presignRead(path, ttl));
    }

    @Override
    public Mono<URI> presignWrite(String path, Duration ttl) {
      return observe("presignWrite", path, () -> inner.presignWrite(path, ttl));
    }
  }
}
