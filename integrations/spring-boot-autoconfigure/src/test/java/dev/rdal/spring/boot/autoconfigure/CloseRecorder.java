package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** A layer that records which backends it wrapped and which of them were closed. */
final class CloseRecorder implements Layer {

  private final List<String> wrapped = new CopyOnWriteArrayList<>();
  private final List<String> closed = new CopyOnWriteArrayList<>();

  @Override
  public Backend wrap(Backend inner) {
    wrapped.add(inner.scheme());
    return new ForwardingBackend(inner) {
      @Override
      public Mono<Void> close() {
        return super.close().doOnTerminate(() -> closed.add(inner.scheme()));
      }
    };
  }

  List<String> wrapped() {
    return wrapped;
  }

  List<String> closed() {
    return closed;
  }
}
