package dev.rdal.spring.boot.autoconfigure;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * With Boot's health support (the actuator), a reactive health indicator per store, grouped as the
 * {@code rdal} contributor ({@code /actuator/health/rdal/<store>}). Off with
 * {@code management.health.rdal.enabled=false}; each check is bounded by {@code rdal.health.timeout}.
 */
@AutoConfiguration(after = RdalAutoConfiguration.class)
@ConditionalOnClass({ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(StoreRegistry.class)
@ConditionalOnEnabledHealthIndicator("rdal")
public class RdalHealthAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public RdalHealthAutoConfiguration() {
  }

  /**
   * One health indicator per store.
   *
   * @param stores the stores
   * @param properties the {@code rdal.*} properties, for the timeout
   * @return the stores' health, by store name
   * @throws StoreConfigurationException when {@code rdal.health.timeout} is not positive
   */
  @Bean
  @ConditionalOnMissingBean(name = "rdalHealthContributor")
  public CompositeReactiveHealthContributor rdalHealthContributor(StoreRegistry stores, RdalProperties properties) {
    Duration timeout = properties.getHealth().getTimeout();
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new StoreConfigurationException(RdalProperties.PREFIX + ".health.timeout",
          "must be a positive duration such as 5s, was " + timeout);
    }
    return CompositeReactiveHealthContributor.fromMap(stores.asMap(), op -> new StoreHealthIndicator(op, timeout));
  }
}
