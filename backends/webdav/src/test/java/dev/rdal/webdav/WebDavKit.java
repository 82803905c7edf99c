package dev.rdal.webdav;

import dev.rdal.Operator;
import dev.rdal.kit.BehaviorKit;
import dev.rdal.spi.BackendConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The behavior-test kit against one real WebDAV server, started for the class and stopped after it. The shared
 * operator is built around a backend the test keeps, so the kit can count the connections held by open read
 * bodies and the positional readers still open.
 */
abstract class WebDavKit extends BehaviorKit {

  private DavServer server;
  private WebDavBackend shared;

  /** Starts this class's server. */
  abstract DavServer startServer();

  /** Keys added to the server's own configuration. */
  Map<String, String> extraConfig() {
    return Map.of();
  }

  @Override
  protected Operator createOperator() {
    if (server == null) {
      server = startServer();
    }
    Map<String, String> config = server.config();
    config.putAll(extraConfig());
    WebDavBackend backend = WebDavBackend.create(new BackendConfig("webdav", config));
    if (shared == null) {
      shared = backend;
    }
    return Operator.builder(backend).build();
  }

  @Override
  protected long openResourceCount() {
    return shared.openResources();
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
