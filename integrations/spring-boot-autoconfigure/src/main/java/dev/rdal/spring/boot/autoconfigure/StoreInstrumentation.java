package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.layers.RetryListener;
import dev.rdal.scheduler.SchedulerSpec;
import dev.rdal.spi.Layer;
import java.util.List;

/**
 * How the auto-configured stores are observed: the metrics and observation wiring are beans of this type,
 * and an application may add its own. Each bean's layers go outside the layers of properties, in the
 * beans' {@link org.springframework.core.annotation.Order order} (the first outermost).
 */
public interface StoreInstrumentation {

  /**
   * The layers to put around a store, outermost first.
   *
   * @param store the store's name
   * @return the layers, possibly empty
   */
  List<Layer> layers(String store);

  /**
   * A listener of the retries of a store's retry layer (when retrying is enabled).
   *
   * @param store the store's name
   * @return the listener, or null for none
   */
  default RetryListener retryListener(String store) {
    return null;
  }

  /**
   * Adjusts the scheduler of a store with a dedicated policy, for example to give it a meter registry.
   *
   * @param store the store's name
   * @param spec the scheduler spec as the properties describe it
   * @return the spec to use (may be {@code spec} itself)
   */
  default SchedulerSpec.Builder scheduler(String store, SchedulerSpec.Builder spec) {
    return spec;
  }
}
