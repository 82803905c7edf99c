package dev.rdal.hdfs;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Gives a test class the JVM's shared MiniDFSCluster ({@link MiniCluster#shared}), before its before-all methods. */
final class ClusterExtension implements BeforeAllCallback {

  private volatile MiniCluster cluster;

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = MiniCluster.shared(context);
  }

  MiniCluster cluster() {
    return cluster;
  }
}
