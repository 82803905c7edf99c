package dev.rdal.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The config keys a profile of each store type may set, spelled as the backend reads them. A key in the
 * file or the environment is matched ignoring case and treating {@code -} and {@code _} alike, so
 * {@code RDAL_PROFILE_LOCAL_CHUNK_SIZE} sets the fs backend's {@code chunk-size}.
 */
final class ProfileKeys {

  /** The key naming a profile's store type. */
  static final String TYPE = "type";

  private static final Map<String, List<String>> KEYS = Map.of(
      "memory", List.of(),
      "fs", List.of("root", "chunk-size", "read-ahead", "fsync", "xattrs", "create-root"),
      "s3", List.of("bucket", "root", "region", "endpoint", "path_style", "access_key_id", "secret_access_key",
          "session_token", "part_size", "upload_concurrency", "page_size", "max_connections", "read_timeout",
          "path_checks", "conditional_writes", "checksums", "client_per_worker", "allow_small_parts"));

  private ProfileKeys() {}

  /** Whether {@code type} is a store type a profile may name. */
  static boolean isType(String type) {
    return KEYS.containsKey(type);
  }

  /** The store types, sorted. */
  static List<String> types() {
    return KEYS.keySet().stream().sorted().toList();
  }

  /** The keys of {@code type}. */
  static List<String> keys(String type) {
    return KEYS.getOrDefault(type, List.of());
  }

  /** The backend's spelling of {@code key} for {@code type}, if it is one of its keys. */
  static Optional<String> canonical(String type, String key) {
    String k = fold(key);
    return keys(type).stream().filter(c -> fold(c).equals(k)).findFirst();
  }

  private static String fold(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * Whether a key holds a secret (credentials, tokens; the access key id too, which names an account):
   * its value is never printed.
   */
  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return dev.rdal.spi.BackendConfig.isSecretKey(k) || k.contains("access_key") || k.contains("password");
  }
}
