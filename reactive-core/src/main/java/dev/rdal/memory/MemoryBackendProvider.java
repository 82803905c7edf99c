package dev.rdal.memory;

import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.BackendProvider;

/** Provides the {@code memory} scheme ({@code memory:}); takes no configuration. */
public final class MemoryBackendProvider implements BackendProvider {

  @Override
  public String scheme() {
    return "memory";
  }

  @Override
  public Backend create(BackendConfig config) {
    return new MemoryBackend();
  }
}
