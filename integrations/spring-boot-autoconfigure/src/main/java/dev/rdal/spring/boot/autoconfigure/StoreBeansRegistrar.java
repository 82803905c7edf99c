package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.Operator;
import java.util.Arrays;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link Operator} bean per configured store, named after the store and made by the
 * auto-configured {@link StoreRegistry} (which owns and closes it); the default store's bean is
 * {@code @Primary}. It first checks the properties (unknown keys, the default store), so a mistake fails
 * startup before any bean is made. A bean the application defines under a store's name wins, and so does
 * an application's own {@code StoreRegistry} (no Operator beans are registered then) or {@code @Primary}
 * Operator (the default store is then not primary).
 */
public final class StoreBeansRegistrar implements BeanDefinitionRegistryPostProcessor {

  /** The name of the auto-configured {@link StoreRegistry} bean. */
  public static final String REGISTRY_BEAN = "rdalStoreRegistry";

  private final Environment environment;

  /**
   * Creates the registrar.
   *
   * @param environment the environment whose {@code rdal.*} properties name the stores
   */
  public StoreBeansRegistrar(Environment environment) {
    this.environment = environment;
  }

  /**
   * Checks the store properties and registers the Operator beans.
   *
   * @param registry the bean definition registry of the context
   * @throws StoreConfigurationException when a store property is unknown or the default store is not a store
   */
  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    new UnknownKeyCheck().check(environment);
    RdalProperties properties = Binder.get(environment).bind(RdalProperties.PREFIX, RdalProperties.class)
        .orElseGet(RdalProperties::new);
    String defaultStore = DefaultStore.name(properties);
    if (!registry.containsBeanDefinition(REGISTRY_BEAN)) {
      return; // the application made its own StoreRegistry
    }
    boolean primaryTaken = hasPrimaryOperator(registry);
    for (String name : properties.getStores().keySet()) {
      if (registry.containsBeanDefinition(name)) {
        continue; // the application's own bean of that name wins
      }
      RootBeanDefinition def = new RootBeanDefinition();
      def.setTargetType(Operator.class);
      def.setFactoryBeanName(REGISTRY_BEAN);
      def.setFactoryMethodName("operator");
      def.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
      def.setPrimary(name.equals(defaultStore) && !primaryTaken);
      def.setDestroyMethodName(""); // the registry closes its stores
      def.setDescription("rdal store '" + name + "'");
      registry.registerBeanDefinition(name, def);
    }
  }

  private static boolean hasPrimaryOperator(BeanDefinitionRegistry registry) {
    if (!(registry instanceof ConfigurableListableBeanFactory factory)) {
      return false;
    }
    return Arrays.stream(factory.getBeanNamesForType(Operator.class, true, false))
        .map(registry::getBeanDefinition)
        .anyMatch(BeanDefinition::isPrimary);
  }

  /**
   * Nothing to do after the registry phase.
   *
   * @param beanFactory the bean factory of the context
   */
  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
  }
}
