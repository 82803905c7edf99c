package dev.rdal.spi;

import dev.rdal.RdalException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes backends of one scheme; found with {@link java.util.ServiceLoader} (list the implementation in
 * {@code META-INF/services/dev.rdal.spi.BackendProvider}).
 */
public interface BackendProvider {

  /**
   * The scheme, lower case ({@code memory}, {@code fs}, {@code s3}).
   *
   * @return the scheme
   */
  String scheme();

  /**
   * The config keys this backend reads, and the prefixes of keys it passes through to an underlying
   * client: the one place a backend declares its keys. The operator's builder refuses any other key
   * with {@link dev.rdal.ErrorKind#CONFIG_INVALID} naming it and the nearest known key, before
   * {@link #create(BackendConfig)} is called.
   *
   * @return the declaration; {@link ConfigKeys#none()} for a backend without configuration
   */
  ConfigKeys configKeys();

  /**
   * Creates a backend from its configuration. Missing or malformed keys fail with
   * {@link dev.rdal.ErrorKind#CONFIG_INVALID} naming the key (see {@link BackendConfig}).
   *
   * @param config the configuration, whose keys have passed {@link #configKeys()}
   * @return a new backend
   */
  Backend create(BackendConfig config);

  /**
   * Turns a URI into configuration. The default takes the query parameters as keys, the authority as
   * {@code host} and the path as {@code root}; providers override it when their URIs mean more (an s3
   * URI's authority is its bucket).
   *
   * @param uri the URI given to {@link dev.rdal.Operator#of(String)}
   * @return config keys and values
   */
  default Map<String, String> configFromUri(URI uri) {
    Map<String, String> config = new LinkedHashMap<>(queryParameters(uri));
    if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
      config.putIfAbsent("host", uri.getAuthority());
    }
    String path = uri.isOpaque() ? null : uri.getPath();
    if (path != null && !path.isEmpty()) {
      config.putIfAbsent("root", path);
    }
    return config;
  }

  /**
   * The decoded query parameters of a URI, in order.
   *
   * @param uri a URI
   * @return keys and values, empty when it has no query
   */
  static Map<String, String> queryParameters(URI uri) {
    return queryParameters(uri.getRawQuery());
  }

  /**
   * Decodes a raw query ({@code a=1&b=2}) into keys and values, in order.
   *
   * @param q the raw (still percent-encoded) query; null or empty for none
   * @return keys and values
   */
  static Map<String, String> queryParameters(String q) {
    Map<String, String> out = new LinkedHashMap<>();
    if (q == null || q.isEmpty()) return out;
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw RdalException.builder(dev.rdal.ErrorKind.CONFIG_INVALID,
            "malformed query parameter '" + (BackendConfig.isSecretKey(k) ? k : pair) + "' in URI").build();
      }
    }
    return out;
  }
}
