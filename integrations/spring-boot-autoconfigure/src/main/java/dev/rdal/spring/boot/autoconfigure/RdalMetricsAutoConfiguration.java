package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.layers.MetricsLayer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With a Micrometer {@link MeterRegistry} bean, every auto-configured store gets rdal's {@link MetricsLayer}
 * ({@code rdal.operations}, {@code rdal.bytes.*}, {@code rdal.retries}, tagged {@code store}) and its
 * scheduler's {@code rdal.scheduler.tasks.*} meters.
 */
@AutoConfiguration(before = RdalAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, MetricsLayer.class})
@ConditionalOnBean(MeterRegistry.class)
public class RdalMetricsAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public RdalMetricsAutoConfiguration() {
  }

  /**
   * The metrics of every store.
   *
   * @param registry the application's meter registry
   * @return the instrumentation the store registry applies
   */
  @Bean
  @ConditionalOnMissingBean(name = "rdalMetricsInstrumentation")
  public StoreInstrumentation rdalMetricsInstrumentation(MeterRegistry registry) {
    return new MetricsInstrumentation(registry);
  }
}
