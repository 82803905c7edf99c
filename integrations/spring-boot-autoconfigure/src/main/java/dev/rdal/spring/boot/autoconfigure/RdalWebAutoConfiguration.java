package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.spring.webflux.ObjectEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * In a reactive web application, the stores listed in {@code rdal.web.stores} served over HTTP by the
 * rdal-spring-webflux module's {@link ObjectEndpoint}, each at {@code <rdal.web.base-path>/<store>/}:
 * GET and HEAD with ranges and conditionals, a JSON listing, and PUT and DELETE when
 * {@code rdal.web.writable} is true (405 otherwise).
 */
@AutoConfiguration(after = RdalAutoConfiguration.class)
@ConditionalOnClass({ObjectEndpoint.class, RouterFunction.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(StoreRegistry.class)
@Conditional(OnWebStoresCondition.class)
public class RdalWebAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public RdalWebAutoConfiguration() {
  }

  /**
   * The routes of the served stores.
   *
   * @param stores the stores
   * @param properties the {@code rdal.*} properties
   * @return one router over every served store
   * @throws StoreConfigurationException when {@code rdal.web.base-path} is not absolute or
   *     {@code rdal.web.stores} names an unknown store
   */
  @Bean
  @ConditionalOnMissingBean(name = "rdalObjectEndpoints")
  public RouterFunction<ServerResponse> rdalObjectEndpoints(StoreRegistry stores, RdalProperties properties) {
    return ObjectEndpoints.routes(stores, properties.getWeb());
  }
}
