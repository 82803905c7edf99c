package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import dev.rdal.ListOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A layer standing in for a misbehaving store: the first {@code failures} stats fail with a temporary
 * error, and listings never answer when {@code hangListings} is set. Counts the stats that reach it.
 */
final class FailingStat implements Layer {

  private final int failures;
  private final boolean hangListings;
  private final AtomicInteger stats = new AtomicInteger();

  FailingStat(int failures, boolean hangListings) {
    this.failures = failures;
    this.hangListings = hangListings;
  }

  int stats() {
    return stats.get();
  }

  @Override
  public Backend wrap(Backend inner) {
    return new ForwardingBackend(inner) {
      @Override
      public Mono<ObjectMeta> stat(String path) {
        return Mono.defer(() -> stats.incrementAndGet() <= failures
            ? Mono.error(RdalException.builder(ErrorKind.UNEXPECTED, "injected").temporary(true).build())
            : super.stat(path));
      }

      @Override
      public Flux<ObjectMeta> list(String dir, ListOptions options) {
        return hangListings ? Flux.never() : super.list(dir, options);
      }
    };
  }
}
