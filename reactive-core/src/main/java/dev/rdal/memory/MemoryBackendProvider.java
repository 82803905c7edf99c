package dev.rdal.memory;

import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.BackendProvider;
import dev.rdal.spi.ConfigKeys;
import java.net.URI;
import java.util.Map;

/**
 * Provides the {@code memory} scheme ({@code memory:}); takes no configuration, so any config key (say
 * {@code memory:?bogus=1}) is {@link dev.rdal.ErrorKind#CONFIG_INVALID}.
 */
public final class MemoryBackendProvider implements BackendProvider {

  /** Made by the {@link java.util.ServiceLoader}. */
  public MemoryBackendProvider() {}

  @Override
  public String scheme() {
    return "memory";
  }

  @Override
  public ConfigKeys configKeys() {
    return ConfigKeys.none();
  }

  /** Only the query parameters: {@code memory:} and {@code memory:/} name the one kind of store there is. */
  @Override
  public Map<String, String> configFromUri(URI uri) {
    Map<String, String> config = BackendProvider.queryParameters(uri);
    String path = uri.isOpaque() ? null : uri.getPath();
    if (uri.getAuthority() != null) config.putIfAbsent("host", uri.getAuthority());
    if (path != null && !path.isEmpty() && !"/".equals(path)) config.putIfAbsent("root", path);
    return config;
  }

  @Override
  public Backend create(BackendConfig config) {
    return new MemoryBackend();
  }
}
