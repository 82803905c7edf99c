package dev.rdal.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code rdal.*} properties: named stores, which of them is the default, their health checks and the
 * object endpoint. Each store becomes an {@link dev.rdal.Operator} bean named after it.
 */
@ConfigurationProperties(RdalProperties.PREFIX)
public class RdalProperties {

  /** The prefix of every property here. */
  public static final String PREFIX = "rdal";

  /**
   * Named stores, each an Operator bean named after its key: rdal.stores.<name>.uri and the
   * store's execution policy, layers and backend config (every key of a store is described in the rdal-spring-boot-starter README).
   */
  private Map<String, StoreProperties> stores = new LinkedHashMap<>();

  /**
   * The store whose Operator bean is @Primary. May be left out when there is only one store, which
   * is then the default.
   */
  private String defaultStore;

  /** The store health checks of the actuator. */
  private final Health health = new Health();

  /** The object endpoint: stores served over HTTP by Spring WebFlux. */
  private final Web web = new Web();

  /**
   * The named stores.
   *
   * @return the stores by name, in the order they were declared
   */
  public Map<String, StoreProperties> getStores() {
    return stores;
  }

  /**
   * Sets the named stores.
   *
   * @param stores the stores by name
   */
  public void setStores(Map<String, StoreProperties> stores) {
    this.stores = stores;
  }

  /**
   * The name of the default store.
   *
   * @return the name, or null when none was set
   */
  public String getDefaultStore() {
    return defaultStore;
  }

  /**
   * Sets the name of the default store.
   *
   * @param defaultStore the name of a store in {@link #getStores()}
   */
  public void setDefaultStore(String defaultStore) {
    this.defaultStore = defaultStore;
  }

  /**
   * The health check properties.
   *
   * @return the health check properties
   */
  public Health getHealth() {
    return health;
  }

  /**
   * The object endpoint properties.
   *
   * @return the object endpoint properties
   */
  public Web getWeb() {
    return web;
  }

  /** How each store's health is checked: a listing of at most one entry of its root, bounded in time. */
  public static class Health {

    /** How long a store's health check may take before the store is reported DOWN. */
    private Duration timeout = Duration.ofSeconds(5);

    /**
     * The time bound of one check.
     *
     * @return the time bound
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets the time bound of one check.
     *
     * @param timeout a positive duration
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** The object endpoint (the rdal-spring-webflux module's ObjectEndpoint), one per listed store. */
  public static class Web {

    /**
     * Stores to serve over HTTP, each under <base-path>/<store>/. Empty (the default) serves none.
     */
    private List<String> stores = new ArrayList<>();

    /** The path under which each served store gets its own /<store> prefix. */
    private String basePath = "/objects";

    /** Whether PUT and DELETE are accepted; when false they answer 405 Method Not Allowed. */
    private boolean writable = false;

    /**
     * The served stores.
     *
     * @return the names of the served stores
     */
    public List<String> getStores() {
      return stores;
    }

    /**
     * Sets the served stores.
     *
     * @param stores names of stores in {@code rdal.stores}
     */
    public void setStores(List<String> stores) {
      this.stores = stores;
    }

    /**
     * The base path.
     *
     * @return the base path
     */
    public String getBasePath() {
      return basePath;
    }

    /**
     * Sets the base path.
     *
     * @param basePath a path starting with {@code /}
     */
    public void setBasePath(String basePath) {
      this.basePath = basePath;
    }

    /**
     * Whether writes are accepted.
     *
     * @return true when PUT and DELETE are accepted
     */
    public boolean isWritable() {
      return writable;
    }

    /**
     * Sets whether writes are accepted.
     *
     * @param writable true to accept PUT and DELETE
     */
    public void setWritable(boolean writable) {
      this.writable = writable;
    }
  }
}
