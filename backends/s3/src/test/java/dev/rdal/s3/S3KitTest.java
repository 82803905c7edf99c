package dev.rdal.s3;

import dev.rdal.Operator;
import dev.rdal.kit.BehaviorKit;
import dev.rdal.spi.BackendConfig;
import java.util.Map;

/**
 * The s3 backend passes the behavior-test kit against S3Proxy on 127.0.0.1. The operator is built around a
 * backend instance the test keeps, so the kit can count the HTTP connections held by open read bodies.
 */
class S3KitTest extends BehaviorKit {

  private S3Backend backend;

  @Override
  protected Operator createOperator() {
    S3TestServer server = S3TestServer.get();
    Map<String, String> config = server.config(server.newBucket());
    backend = (S3Backend) new S3BackendProvider().create(new BackendConfig("s3", config));
    return Operator.builder(backend).build();
  }

  @Override
  protected long openResourceCount() {
    return backend.openBodies() + backend.openReaders();
  }
}
