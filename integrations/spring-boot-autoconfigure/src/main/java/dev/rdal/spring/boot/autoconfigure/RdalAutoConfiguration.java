package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.Operator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The named stores of {@code rdal.stores.*}: a {@link StoreRegistry} bean and one {@link Operator} bean per
 * store, named after it, the default store {@code @Primary}. Stores are built at startup, so a wrong URI,
 * scheme or value fails startup with a {@link StoreConfigurationException} naming the property; they are
 * closed when the context closes. Beans of {@link StoreInstrumentation} put their layers around every
 * store, {@link OperatorCustomizer}s change each builder last.
 */
@AutoConfiguration
@ConditionalOnClass(Operator.class)
@EnableConfigurationProperties(RdalProperties.class)
public class RdalAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public RdalAutoConfiguration() {
  }

  /**
   * Checks the store properties and registers an Operator bean per store.
   *
   * @param environment the environment holding the {@code rdal.*} properties
   * @return the registrar
   */
  @Bean
  @ConditionalOnMissingBean
  public static StoreBeansRegistrar rdalStoreBeansRegistrar(Environment environment) {
    return new StoreBeansRegistrar(environment);
  }

  /**
   * Builds every store of the properties.
   *
   * @param properties the {@code rdal.*} properties
   * @param instrumentations the instrumentation beans, in their order
   * @param customizers the customizer beans, in their order
   * @return the registry, which owns and closes the stores
   * @throws StoreConfigurationException when a store's properties are wrong (the stores already built are
   *     closed first)
   */
  @Bean(name = StoreBeansRegistrar.REGISTRY_BEAN)
  @ConditionalOnMissingBean
  public StoreRegistry rdalStoreRegistry(RdalProperties properties,
      ObjectProvider<StoreInstrumentation> instrumentations, ObjectProvider<OperatorCustomizer> customizers) {
    StoreFactory factory = new StoreFactory(instrumentations.orderedStream().toList(),
        customizers.orderedStream().toList());
    String defaultStore = DefaultStore.name(properties);
    Map<String, Operator> stores = new LinkedHashMap<>();
    try {
      properties.getStores().forEach((name, store) -> stores.put(name, factory.create(name, store)));
    } catch (RuntimeException e) {
      new StoreRegistry(stores, null).close();
      throw e;
    }
    return new StoreRegistry(stores, defaultStore);
  }
}
