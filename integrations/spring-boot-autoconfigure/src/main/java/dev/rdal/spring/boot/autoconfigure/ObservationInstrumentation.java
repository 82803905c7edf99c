package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.spi.Layer;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Objects;
import org.springframework.core.Ordered;

/** Puts an {@link ObservationLayer} outermost around every store. */
final class ObservationInstrumentation implements StoreInstrumentation, Ordered {

  /** Outermost: the observation covers the whole call, metrics and retries included. */
  static final int ORDER = 100;

  private final ObservationRegistry registry;

  ObservationInstrumentation(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public List<Layer> layers(String store) {
    return registry.isNoop() ? List.of() : List.of(new ObservationLayer(registry, store));
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
