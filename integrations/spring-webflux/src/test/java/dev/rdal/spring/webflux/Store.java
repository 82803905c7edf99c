package dev.rdal.spring.webflux;

import dev.rdal.Operator;
import dev.rdal.s3.S3TestServer;
import java.nio.file.Path;

/** The stores every endpoint case runs on: memory, fs with and without zero-copy, and s3 on S3Proxy. */
enum Store {
  MEMORY(false),
  FS(false),
  FS_ZERO_COPY(true),
  S3(false);

  private final boolean zeroCopy;

  Store(boolean zeroCopy) {
    this.zeroCopy = zeroCopy;
  }

  /** Whether the endpoint may send files with sendfile. */
  boolean zeroCopy() {
    return zeroCopy;
  }

  /** A fresh, empty store; fs lives in {@code dir}. */
  Operator open(Path dir) {
    switch (this) {
      case MEMORY:
        return Operator.of("memory:");
      case FS:
      case FS_ZERO_COPY:
        return Operator.builder("fs").config("root", dir.toString()).build();
      default:
        return S3TestServer.get().operator();
    }
  }

  /** An endpoint builder over {@code op} with this store's zero-copy setting. */
  ObjectEndpoint.Builder endpoint(Operator op) {
    return ObjectEndpoint.builder(op).basePath("/files").zeroCopy(zeroCopy);
  }
}
