package dev.rdal.hdfs;

import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.BackendProvider;
import dev.rdal.spi.ConfigKeys;

/**
 * Provides the {@code hdfs} scheme: {@code hdfs://namenode:8020/data} (the URI's authority is the
 * {@code host} key and its path the {@code root} key), with the options of {@link HdfsOptions} and
 * Hadoop keys ({@code fs.*}, {@code dfs.*}, ...) as query parameters, e.g.
 * {@code hdfs://namenode:8020/data?chunk-size=256k&dfs.client.socket-timeout=120000}.
 */
public final class HdfsBackendProvider implements BackendProvider {

  /** A provider; the {@link java.util.ServiceLoader} makes one. */
  public HdfsBackendProvider() {
  }

  /**
   * The scheme.
   *
   * @return {@code hdfs}
   */
  @Override
  public String scheme() {
    return "hdfs";
  }

  /**
   * The keys of {@link HdfsOptions}, and Hadoop's own keys passed through by their prefixes
   * ({@code fs.}, {@code dfs.}, {@code ipc.}, {@code hadoop.}).
   *
   * @return the declaration the operator's builder checks
   */
  @Override
  public ConfigKeys configKeys() {
    return ConfigKeys.of(HdfsOptions.KNOWN_KEYS)
        .withPassThroughPrefixes(HdfsOptions.PASS_THROUGH_PREFIXES.toArray(String[]::new));
  }

  /**
   * Creates a backend, connecting its own Hadoop {@code FileSystem} instance.
   *
   * @param config the configuration (see {@link HdfsOptions})
   * @return the backend
   * @throws dev.rdal.RdalException {@link dev.rdal.ErrorKind#CONFIG_INVALID} naming the key for a bad
   *     value, or when the client cannot be created
   */
  @Override
  public Backend create(BackendConfig config) {
    return new HdfsBackend(HdfsOptions.from(config));
  }
}
