package dev.rdal.spring.boot.autoconfigure;

/** Which store is the default: {@code rdal.default-store}, or the only store, or none. */
final class DefaultStore {

  private DefaultStore() {
  }

  /**
   * The default store's name.
   *
   * @throws StoreConfigurationException when {@code rdal.default-store} names no store
   */
  static String name(RdalProperties properties) {
    String name = properties.getDefaultStore();
    if (name != null && !name.isBlank()) {
      if (!properties.getStores().containsKey(name)) {
        throw new StoreConfigurationException(RdalProperties.PREFIX + ".default-store",
            "no store is named '" + name + "'; stores: " + properties.getStores().keySet());
      }
      return name;
    }
    return properties.getStores().size() == 1 ? properties.getStores().keySet().iterator().next() : null;
  }
}
