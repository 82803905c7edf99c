package dev.rdal.spring.boot.autoconfigure;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Refuses keys under {@code rdal.stores.<name>} and {@code rdal.web} that no property reads, which Spring's
 * binder would silently ignore: a misspelt {@code retry.max-retires} fails startup instead of leaving
 * retries at their default. Other keys under {@code rdal} stay free (rdal reads system properties such as
 * {@code rdal.scheduler.global.threads} itself).
 */
final class UnknownKeyCheck {

  private static final ConfigurationPropertyName STORES = ConfigurationPropertyName.of(RdalProperties.PREFIX + ".stores");
  private static final ConfigurationPropertyName WEB = ConfigurationPropertyName.of(RdalProperties.PREFIX + ".web");

  private final KnownKeys storeKeys = new KnownKeys(StoreProperties.class);
  private final KnownKeys webKeys = new KnownKeys(RdalProperties.Web.class);

  /**
   * Checks every property source of the environment.
   *
   * @throws StoreConfigurationException naming the first unknown key (in sorted order)
   */
  void check(Environment environment) {
    Map<String, String> unknown = new TreeMap<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (!(source instanceof IterableConfigurationPropertySource iterable)) continue;
      iterable.stream().forEach(name -> {
        if (STORES.isAncestorOf(name)) {
          checkStoreKey(name, unknown);
        } else if (WEB.isAncestorOf(name)) {
          checkKey(name, WEB.getNumberOfElements(), webKeys, RdalProperties.PREFIX + ".web.", unknown);
        }
      });
    }
    if (!unknown.isEmpty()) {
      Map.Entry<String, String> first = unknown.entrySet().iterator().next();
      throw new StoreConfigurationException(first.getKey(), first.getValue());
    }
  }

  private void checkStoreKey(ConfigurationPropertyName name, Map<String, String> unknown) {
    int storeElement = STORES.getNumberOfElements();
    if (name.getNumberOfElements() == storeElement + 1) {
      unknown.put(name.toString(), "is not a store; a store is a group of keys such as " + name + ".uri");
      return;
    }
    String prefix = RdalProperties.PREFIX + ".stores." + name.getElement(storeElement, ConfigurationPropertyName.Form.ORIGINAL) + ".";
    checkKey(name, storeElement + 1, storeKeys, prefix, unknown);
  }

  private static void checkKey(ConfigurationPropertyName name, int from, KnownKeys keys, String prefix, Map<String, String> unknown) {
    StringBuilder relative = new StringBuilder();
    for (int i = from; i < name.getNumberOfElements(); i++) {
      if (name.isNumericIndex(i)) {
        relative.append('[').append(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL)).append(']');
      } else {
        if (relative.length() > 0) relative.append('.');
        relative.append(name.getElement(i, ConfigurationPropertyName.Form.DASHED));
      }
    }
    String key = relative.toString();
    if (key.isEmpty() || keys.accepts(key)) return;
    String nearest = keys.nearest(key);
    unknown.put(prefix + key, "is not a known property" + (nearest != null ? "; did you mean " + prefix + nearest + "?" : ".")
        + " Known keys: " + keys.all());
  }
}
