package dev.rdal.s3;

import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.BackendProvider;
import dev.rdal.spi.ConfigKeys;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes {@link S3Backend}s for the scheme {@code s3}.
 *
 * <p>URI form: {@code s3://bucket/prefix?region=eu-west-1&endpoint=http://127.0.0.1:9000&path_style=true}:
 * the authority is the bucket, the path is the root prefix, query parameters are config keys (see
 * {@link S3Settings}). Credentials belong in config keys, not in URIs that may be logged; a secret given in
 * a URI is accepted but is still redacted everywhere rdal prints configuration.
 */
public final class S3BackendProvider implements BackendProvider {

  /** Made by the {@link java.util.ServiceLoader}. */
  public S3BackendProvider() {}

  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public ConfigKeys configKeys() {
    return S3Settings.KEYS;
  }

  @Override
  public Backend create(BackendConfig config) {
    return new S3Backend(S3Settings.from(config));
  }

  @Override
  public Map<String, String> configFromUri(URI uri) {
    Map<String, String> config = new LinkedHashMap<>(BackendProvider.queryParameters(uri));
    String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
    if (bucket != null && !bucket.isEmpty()) {
      config.putIfAbsent(S3Settings.BUCKET, bucket);
    }
    String path = uri.isOpaque() ? null : uri.getPath();
    if (path != null && !path.isEmpty() && !"/".equals(path)) {
      config.putIfAbsent(S3Settings.ROOT, path);
    }
    return config;
  }
}
