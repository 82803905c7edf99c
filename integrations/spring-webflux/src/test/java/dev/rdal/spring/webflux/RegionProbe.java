package dev.rdal.spring.webflux;

import dev.rdal.ContentRange;
import dev.rdal.LocalFileRegion;
import dev.rdal.ObjectMeta;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** A layer that counts the file regions asked for and offered, and may run a step before each is made. */
final class RegionProbe implements Layer {

  final AtomicInteger asked = new AtomicInteger();
  final AtomicInteger offered = new AtomicInteger();
  volatile Runnable beforeRegion = () -> { };

  @Override
  public Backend wrap(Backend inner) {
    return new ForwardingBackend(inner) {
      @Override
      public Mono<LocalFileRegion> localFileRegion(String path, ObjectMeta version, ContentRange served) {
        return Mono.defer(() -> {
          asked.incrementAndGet();
          beforeRegion.run();
          return inner.localFileRegion(path, version, served).doOnNext(r -> offered.incrementAndGet());
        });
      }
    };
  }
}
