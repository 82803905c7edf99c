package dev.rdal.fs;

import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.BackendProvider;

/**
 * Provides the {@code fs} scheme: {@code fs:///data} (the URI's path is the {@code root} key), with the
 * options of {@link FsOptions} as query parameters, e.g. {@code fs:///data?fsync=true&chunk-size=256k}.
 */
public final class FsBackendProvider implements BackendProvider {

  @Override
  public String scheme() {
    return "fs";
  }

  @Override
  public Backend create(BackendConfig config) {
    return new FsBackend(FsOptions.from(config));
  }
}
