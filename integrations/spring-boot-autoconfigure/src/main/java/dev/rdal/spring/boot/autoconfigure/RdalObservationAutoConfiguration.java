package dev.rdal.spring.boot.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With an {@link ObservationRegistry} bean, every storage operation of every auto-configured store is an
 * observation named {@code rdal.operation}, a child of the observation in the caller's Reactor context
 * (the WebFlux request's, for example): a span with tracing, a timer with Boot's metrics handler.
 */
@AutoConfiguration(before = RdalAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public class RdalObservationAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public RdalObservationAutoConfiguration() {
  }

  /**
   * The observations of every store.
   *
   * @param registry the application's observation registry
   * @return the instrumentation the store registry applies
   */
  @Bean
  @ConditionalOnMissingBean(name = "rdalObservationInstrumentation")
  public StoreInstrumentation rdalObservationInstrumentation(ObservationRegistry registry) {
    return new ObservationInstrumentation(registry);
  }
}
