package dev.rdal.webdav;

import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.BackendProvider;
import dev.rdal.spi.ConfigKeys;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes {@link WebDavBackend}s for the scheme {@code webdav} (plain HTTP in URI form).
 *
 * <p>Config form: {@code Operator.builder("webdav").config("endpoint", "https://host/dav/root/")}, any http or
 * https URL; keys in {@link WebDavSettings}. URI form: {@code webdav://host:port/root/?max_connections=8} means
 * endpoint {@code http://host:port/root/}; {@code webdavs://...} (see {@link WebDavsBackendProvider}) means
 * https. Query parameters are config keys. Credentials belong in config keys, never in a URI.
 */
public class WebDavBackendProvider implements BackendProvider {

  /** Creates the provider of the {@code webdav} scheme. */
  public WebDavBackendProvider() {
  }

  /**
   * The scheme.
   *
   * @return {@code webdav}
   */
  @Override
  public String scheme() {
    return "webdav";
  }

  /**
   * The HTTP scheme URI-form endpoints of this provider use.
   *
   * @return {@code http}
   */
  protected String httpScheme() {
    return "http";
  }

  /**
   * The keys this backend reads, all listed in {@link WebDavSettings}; any other key is refused.
   *
   * @return the known configuration keys
   */
  @Override
  public ConfigKeys configKeys() {
    return ConfigKeys.of(WebDavSettings.KEYS);
  }

  /**
   * Creates a backend.
   *
   * @param config the configuration (keys in {@link WebDavSettings})
   * @return the backend
   * @throws dev.rdal.RdalException {@code CONFIG_INVALID} naming the key when a key is missing or malformed
   */
  @Override
  public Backend create(BackendConfig config) {
    return WebDavBackend.create(config);
  }

  /**
   * Turns {@code webdav://host:port/root?key=value} into an {@code endpoint} and keys.
   *
   * @param uri the URI
   * @return the configuration
   * @throws dev.rdal.RdalException {@code CONFIG_INVALID} when the URI carries credentials
   */
  @Override
  public Map<String, String> configFromUri(URI uri) {
    Map<String, String> config = new LinkedHashMap<>(BackendProvider.queryParameters(uri));
    if (uri.getRawUserInfo() != null) {
      throw dev.rdal.RdalException.builder(dev.rdal.ErrorKind.CONFIG_INVALID,
          "a " + scheme() + " URI must not carry credentials: give them as the username/password or token keys")
          .backend(scheme()).operation("configure").build();
    }
    if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      config.putIfAbsent(WebDavSettings.ENDPOINT, httpScheme() + "://" + uri.getRawAuthority() + path);
    }
    return config;
  }
}
