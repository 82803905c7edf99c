package dev.rdal.spi;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A backend's configuration: string keys and values, with typed getters whose errors name the key.
 *
 * <p>Secrets: any key whose name contains {@code secret}, {@code password}, {@code token},
 * {@code credential} or {@code session} is a secret. Its value never appears in {@link #toString()} or in
 * an error message; getters that fail on a secret quote the key only.
 */
public final class BackendConfig {

  private static final String[] SECRET_MARKERS = {"secret", "password", "passwd", "token", "credential", "session"};

  private final String scheme;
  private final Map<String, String> values;

  /**
   * A configuration of {@code scheme}.
   *
   * @param scheme the backend's scheme
   * @param values the keys and values, copied
   */
  public BackendConfig(String scheme, Map<String, String> values) {
    this.scheme = scheme;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * The scheme this configuration is for.
   *
   * @return the scheme
   */
  public String scheme() {
    return scheme;
  }

  /**
   * The raw values; do not log them.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> asMap() {
    return values;
  }

  /**
   * Whether a key names a secret.
   *
   * @param key a config key
   * @return true when its value must never be shown
   */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String m : SECRET_MARKERS) {
      if (k.contains(m)) return true;
    }
    return false;
  }

  /**
   * The value of a key, if given and not empty.
   *
   * @param key a config key
   * @return the value, or empty
   */
  public Optional<String> get(String key) {
    String v = values.get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /**
   * The value of a key that must be present.
   *
   * @param key a config key
   * @return the value
   */
  public String required(String key) {
    return get(key).orElseThrow(() -> invalid(key, "is required"));
  }

  /**
   * The value of a key, or a default.
   *
   * @param key a config key
   * @param defaultValue the value when the key is not given
   * @return the value
   */
  public String string(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /**
   * An integer between {@code min} and {@code max}, or a default.
   *
   * @param key a config key
   * @param defaultValue the value when the key is not given
   * @param min the smallest value allowed
   * @param max the largest value allowed
   * @return the value
   */
  public int integer(String key, int defaultValue, int min, int max) {
    Optional<String> v = get(key);
    if (v.isEmpty()) return defaultValue;
    try {
      int i = Integer.parseInt(v.get().trim());
      if (i < min || i > max) throw invalid(key, "must be between " + min + " and " + max + ", was " + shown(key, v.get()));
      return i;
    } catch (NumberFormatException e) {
      throw invalid(key, "must be an integer, was " + shown(key, v.get()));
    }
  }

  /**
   * A size in bytes; accepts plain numbers and the suffixes {@code k}, {@code m}, {@code g} (binary).
   *
   * @param key a config key
   * @param defaultValue the value when the key is not given
   * @param min the smallest size allowed
   * @param max the largest size allowed
   * @return the size in bytes
   */
  public long bytes(String key, long defaultValue, long min, long max) {
    Optional<String> v = get(key);
    if (v.isEmpty()) return defaultValue;
    String s = v.get().trim().toLowerCase(Locale.ROOT);
    long mult = 1;
    if (s.endsWith("ib")) s = s.substring(0, s.length() - 2);
    else if (s.endsWith("b")) s = s.substring(0, s.length() - 1);
    if (s.endsWith("k")) mult = 1L << 10;
    else if (s.endsWith("m")) mult = 1L << 20;
    else if (s.endsWith("g")) mult = 1L << 30;
    if (mult > 1) s = s.substring(0, s.length() - 1);
    try {
      long n = Long.parseLong(s.trim());
      if (n < 0 || n > Long.MAX_VALUE / mult) throw new NumberFormatException();
      long r = n * mult;
      if (r < min || r > max) throw invalid(key, "must be between " + min + " and " + max + " bytes, was " + shown(key, v.get()));
      return r;
    } catch (NumberFormatException e) {
      throw invalid(key, "must be a size in bytes such as 8388608 or 8m, was " + shown(key, v.get()));
    }
  }

  /**
   * A boolean ({@code true/false}, {@code yes/no}, {@code 1/0}), or a default.
   *
   * @param key a config key
   * @param defaultValue the value when the key is not given
   * @return the value
   */
  public boolean bool(String key, boolean defaultValue) {
    Optional<String> v = get(key);
    if (v.isEmpty()) return defaultValue;
    switch (v.get().trim().toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "1": return true;
      case "false": case "no": case "0": return false;
      default: throw invalid(key, "must be true or false, was " + shown(key, v.get()));
    }
  }

  /**
   * A {@link ErrorKind#CONFIG_INVALID} error about {@code key}; never quotes a secret value.
   *
   * @param key the key at fault
   * @param problem what is wrong, completing "config key 'k' ..."
   * @return the error, to throw
   */
  public RdalException invalid(String key, String problem) {
    return RdalException.builder(ErrorKind.CONFIG_INVALID, "config key '" + key + "' " + problem)
        .backend(scheme).operation("configure").build();
  }

  private static String shown(String key, String value) {
    return isSecretKey(key) ? "<redacted>" : "'" + value + "'";
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    values.forEach((k, v) -> shown.put(k, isSecretKey(k) ? "<redacted>" : v));
    return "BackendConfig" + "{scheme=" + scheme + ", " + shown + "}";
  }
}
