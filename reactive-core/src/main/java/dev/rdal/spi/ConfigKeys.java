package dev.rdal.spi;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config keys one backend understands: the keys it reads, and prefixes of keys it passes through
 * unread to an underlying client (a Hadoop backend would pass {@code fs.} and {@code dfs.} to its
 * {@code Configuration}). Each {@link BackendProvider} declares one in {@link BackendProvider#configKeys()};
 * the operator's builder checks every given key against it before the backend is made, so a misspelt key
 * fails with {@link dev.rdal.ErrorKind#CONFIG_INVALID} naming the key and the nearest known one instead of
 * being ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigKeys {

  private static final ConfigKeys NONE = new ConfigKeys(Set.of(), Set.of());

  private final Set<String> keys;
  private final Set<String> passThroughPrefixes;

  private ConfigKeys(Set<String> keys, Set<String> passThroughPrefixes) {
    this.keys = keys;
    this.passThroughPrefixes = passThroughPrefixes;
  }

  /**
   * The given keys, and no pass-through prefix.
   *
   * @param keys the keys the backend reads, exactly as spelt in configuration
   * @return the declaration
   */
  public static ConfigKeys of(String... keys) {
    return of(Set.of(keys));
  }

  /**
   * The given keys, and no pass-through prefix.
   *
   * @param keys the keys the backend reads, exactly as spelt in configuration
   * @return the declaration
   */
  public static ConfigKeys of(Collection<String> keys) {
    return new ConfigKeys(Set.copyOf(keys), Set.of());
  }

  /**
   * A backend that takes no config key at all.
   *
   * @return the empty declaration
   */
  public static ConfigKeys none() {
    return NONE;
  }

  /**
   * These keys plus prefixes whose keys are passed through unchecked to an underlying client.
   *
   * @param prefixes non-empty prefixes such as {@code fs.}; a key starting with one is accepted as it is
   * @return a new declaration with the prefixes added
   * @throws IllegalArgumentException when a prefix is empty
   */
  public ConfigKeys withPassThroughPrefixes(String... prefixes) {
    Set<String> all = new TreeSet<>(passThroughPrefixes);
    for (String p : prefixes) {
      if (Objects.requireNonNull(p, "prefix").isEmpty()) {
        throw new IllegalArgumentException("a pass-through prefix must not be empty");
      }
      all.add(p);
    }
    return new ConfigKeys(keys, Set.copyOf(all));
  }

  /**
   * The keys the backend reads.
   *
   * @return an unmodifiable set
   */
  public Set<String> keys() {
    return keys;
  }

  /**
   * The prefixes of keys passed through to an underlying client.
   *
   * @return an unmodifiable set, empty when the backend passes nothing through
   */
  public Set<String> passThroughPrefixes() {
    return passThroughPrefixes;
  }

  /**
   * Whether {@code key} is one of the keys, or starts with a pass-through prefix.
   *
   * @param key a config key
   * @return true when the backend accepts it
   */
  public boolean accepts(String key) {
    if (keys.contains(key)) return true;
    for (String p : passThroughPrefixes) {
      if (key.startsWith(p)) return true;
    }
    return false;
  }

  /**
   * Checks every key of {@code config}.
   *
   * @param config the configuration about to be given to the backend
   * @throws dev.rdal.RdalException {@link dev.rdal.ErrorKind#CONFIG_INVALID} for the first unknown key (in
   *     sorted order), naming it, the nearest known key when one is close, and the known keys
   */
  public void check(BackendConfig config) {
    for (String key : new TreeSet<>(config.asMap().keySet())) {
      if (!accepts(key)) {
        throw config.invalid(key, unknownKeyProblem(config.scheme(), key));
      }
    }
  }

  /**
   * The same check over a plain map, for configuration that is not yet a {@link BackendConfig}.
   *
   * @param scheme the backend's scheme, named in the error
   * @param config the keys and values
   * @throws dev.rdal.RdalException as {@link #check(BackendConfig)}
   */
  public void check(String scheme, Map<String, String> config) {
    check(new BackendConfig(scheme, config));
  }

  private String unknownKeyProblem(String scheme, String key) {
    StringBuilder sb = new StringBuilder("is not a config key of the ").append(scheme).append(" backend");
    String nearest = nearest(key);
    if (nearest != null) {
      sb.append("; did you mean '").append(nearest).append("'?");
    }
    if (keys.isEmpty() && passThroughPrefixes.isEmpty()) {
      sb.append(" (it takes no config keys)");
    } else {
      sb.append(" (known keys: ").append(new TreeSet<>(keys));
      if (!passThroughPrefixes.isEmpty()) {
        sb.append("; passed through to the client: keys starting with ").append(new TreeSet<>(passThroughPrefixes));
      }
      sb.append(')');
    }
    return sb.toString();
  }

  /** The known key closest to {@code key}, or null when none is close enough to be a likely typo. */
  String nearest(String key) {
    String wanted = folded(key);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : new TreeSet<>(keys)) {
      int d = EditDistance.between(wanted, folded(k));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, wanted.length() / 3);
    return bestDistance <= allowed ? best : null;
  }

  /** Case and the separators '-', '_' and '.' do not count towards the distance. */
  private static String folded(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
  }

  @Override
  public String toString() {
    return "ConfigKeys{" + new TreeSet<>(keys) + (passThroughPrefixes.isEmpty() ? "" : ", pass through " + passThroughPrefixes) + "}";
  }
}
