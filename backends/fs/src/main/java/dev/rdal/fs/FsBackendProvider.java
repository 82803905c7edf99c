package dev.rdal.fs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.BackendProvider;
import dev.rdal.spi.ConfigKeys;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Provides the {@code fs} scheme, with the options of {@link FsOptions} as query parameters. URI forms:
 * <ul>
 *   <li>{@code fs:///absolute/path} (also {@code fs:/absolute/path}): the root is that absolute path;
 *   <li>{@code fs:relative/path} (also {@code fs:./data}): the root is that path resolved against the
 *       working directory when the operator is built (logged at INFO with the resolved path);
 *   <li>{@code fs://anything/...} names a host, which fs has none of: {@code fs://data} and
 *       {@code fs://./data} are {@link ErrorKind#CONFIG_INVALID} naming the host and suggesting
 *       {@code fs:///absolute/path}, so they never touch {@code /} or {@code /data}.
 * </ul>
 * For example {@code fs:///data?fsync=true&chunk-size=256k}.
 */
public final class FsBackendProvider implements BackendProvider {

  /** The config keys of the fs backend; see {@link FsOptions} for their meaning. */
  static final ConfigKeys KEYS = ConfigKeys.of(
      FsOptions.ROOT, FsOptions.CHUNK_SIZE, FsOptions.READ_AHEAD, FsOptions.FSYNC, FsOptions.XATTRS, FsOptions.CREATE_ROOT);

  /** Made by the {@link java.util.ServiceLoader}. */
  public FsBackendProvider() {}

  @Override
  public String scheme() {
    return "fs";
  }

  @Override
  public ConfigKeys configKeys() {
    return KEYS;
  }

  /**
   * The query parameters as keys and the path as {@code root}, in the forms of the class comment.
   *
   * @throws RdalException {@link ErrorKind#CONFIG_INVALID} when the URI names a host
   */
  @Override
  public Map<String, String> configFromUri(URI uri) {
    if (uri.isOpaque()) {
      String ssp = uri.getRawSchemeSpecificPart();
      int q = ssp.indexOf('?');
      Map<String, String> config = BackendProvider.queryParameters(q < 0 ? null : ssp.substring(q + 1));
      String path = URLDecoder.decode(q < 0 ? ssp : ssp.substring(0, q), StandardCharsets.UTF_8);
      if (!path.isEmpty()) config.putIfAbsent(FsOptions.ROOT, path);
      return config;
    }
    if (uri.getRawAuthority() != null) {
      String host = uri.getRawAuthority();
      throw RdalException.builder(ErrorKind.CONFIG_INVALID, "fs URI 'fs://" + host + (uri.getRawPath() == null ? "" : uri.getRawPath())
              + "' names the host '" + host + "', but fs takes no host: use fs:///absolute/path (three slashes)"
              + ", or fs:relative/path for a directory relative to the working directory")
          .backend("fs").operation("configure").build();
    }
    Map<String, String> config = BackendProvider.queryParameters(uri);
    String path = uri.getPath();
    if (path != null && !path.isEmpty()) config.putIfAbsent(FsOptions.ROOT, path);
    return config;
  }

  @Override
  public Backend create(BackendConfig config) {
    return new FsBackend(FsOptions.from(config));
  }
}
