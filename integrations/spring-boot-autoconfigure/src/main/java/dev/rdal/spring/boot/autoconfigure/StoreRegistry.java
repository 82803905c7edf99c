package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.Operator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The named stores of an application, each an {@link Operator}. The registry owns them: {@link #close()}
 * closes every one (Spring calls it when the context closes). Thread-safe; the set of stores is fixed.
 */
public final class StoreRegistry implements AutoCloseable {

  private final Map<String, Operator> stores;
  private final String defaultName;

  /**
   * Creates a registry over operators the caller hands over (and which it will close).
   *
   * @param stores the operators by store name, in the order to list them
   * @param defaultName the name of the default store, or null for none
   * @throws UnknownStoreException when {@code defaultName} is not one of the names
   */
  public StoreRegistry(Map<String, Operator> stores, String defaultName) {
    this.stores = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(stores, "stores")));
    if (defaultName != null && !this.stores.containsKey(defaultName)) {
      throw new UnknownStoreException(defaultName, this.stores.keySet());
    }
    this.defaultName = defaultName;
  }

  /**
   * The store of a name.
   *
   * @param name a store name
   * @return its operator
   * @throws UnknownStoreException when no store has that name
   */
  public Operator operator(String name) {
    Operator op = stores.get(name);
    if (op == null) {
      throw new UnknownStoreException(name, stores.keySet());
    }
    return op;
  }

  /**
   * The names of the stores.
   *
   * @return the names, in declaration order
   */
  public Set<String> names() {
    return stores.keySet();
  }

  /**
   * The stores by name.
   *
   * @return an unmodifiable map, in declaration order
   */
  public Map<String, Operator> asMap() {
    return stores;
  }

  /**
   * The name of the default store.
   *
   * @return the name, or empty when there is no default store
   */
  public Optional<String> defaultName() {
    return Optional.ofNullable(defaultName);
  }

  /**
   * The default store.
   *
   * @return its operator
   * @throws UnknownStoreException when there is no default store
   */
  public Operator defaultStore() {
    if (defaultName == null) {
      throw new UnknownStoreException("<default>", stores.keySet());
    }
    return stores.get(defaultName);
  }

  /**
   * Closes every store, each even when closing another failed; the first failure is thrown with the
   * others suppressed. Blocks until the stores are closed, so it must not run on a non-blocking thread.
   */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (Operator op : stores.values()) {
      try {
        op.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  @Override
  public String toString() {
    return "StoreRegistry" + stores.keySet() + (defaultName != null ? ", default " + defaultName : "");
  }
}
