package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.layers.MetricsLayer;
import dev.rdal.layers.RetryListener;
import dev.rdal.scheduler.RdalSchedulers;
import dev.rdal.scheduler.SchedulerSpec;
import dev.rdal.spi.Layer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;

/**
 * Wires Micrometer into every store: a {@link MetricsLayer} outermost among the layers of properties, its
 * retry counter, and the dedicated scheduler's {@code rdal.scheduler.tasks.*} meters. Each store reports
 * through a view of the registry that adds the tag {@code store=<name>}, so two stores of one backend are
 * told apart. The global scheduler ({@code rdal-global}) is JVM-wide: it reports to the first registry
 * wired before it starts, untagged by store; when it already runs, its meters are left as they are.
 */
final class MetricsInstrumentation implements StoreInstrumentation, Ordered {

  /** After the observation layer: observations see the whole call, metrics the same call. */
  static final int ORDER = 200;

  private static final Logger LOG = LoggerFactory.getLogger(MetricsInstrumentation.class);

  private final MeterRegistry registry;
  private final Map<String, StoreMeters> stores = new ConcurrentHashMap<>();

  MetricsInstrumentation(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    meterGlobalScheduler(registry);
  }

  private static void meterGlobalScheduler(MeterRegistry registry) {
    if (RdalSchedulers.isGlobalCreated()) {
      LOG.debug("the global rdal scheduler already runs; its meters are not bound to this registry");
      return;
    }
    SchedulerSpec fromSystem = SchedulerSpec.fromProperties(System.getProperties(),
        RdalSchedulers.GLOBAL_PROPERTY_PREFIX, RdalSchedulers.DEFAULT_GLOBAL_THREADS);
    try {
      RdalSchedulers.configureGlobal(SchedulerSpec.builder(fromSystem.threads())
          .virtualThreads(fromSystem.virtualThreads()).meterRegistry(registry).build());
    } catch (IllegalStateException e) {
      LOG.debug("the global rdal scheduler is already configured; its meters are not bound to this registry");
    }
  }

  private StoreMeters meters(String store) {
    return stores.computeIfAbsent(store, s -> new StoreMeters(registry, s));
  }

  @Override
  public List<Layer> layers(String store) {
    return List.of(meters(store).layer);
  }

  @Override
  public RetryListener retryListener(String store) {
    return meters(store).layer.retryListener();
  }

  @Override
  public SchedulerSpec.Builder scheduler(String store, SchedulerSpec.Builder spec) {
    return spec.meterRegistry(meters(store).view);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  /** One store's view of the registry, tagged with the store's name, and its metrics layer. */
  private static final class StoreMeters {
    final MeterRegistry view;
    final MetricsLayer layer;

    StoreMeters(MeterRegistry registry, String store) {
      CompositeMeterRegistry tagged = new CompositeMeterRegistry(registry.config().clock(), List.of(registry));
      tagged.config().commonTags("store", store);
      this.view = tagged;
      this.layer = new MetricsLayer(tagged);
    }
  }
}
