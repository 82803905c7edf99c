package dev.rdal.hdfs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HDFS on 127.0.0.1: Hadoop's {@link MiniDFSCluster} (a NameNode and DataNodes in this JVM, with
 * their own threads and sockets). {@link #shared(ExtensionContext)} starts one per test JVM, on first use,
 * and shuts it down when JUnit finishes the run (it is kept in the root context's store); a test class
 * that stops DataNodes starts one of its own with {@link #start(int, Configuration)} and shuts it down
 * itself. Each test class works below a root directory of its own ({@link #newRoot(String)}).
 */
final class MiniCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  private final MiniDFSCluster cluster;
  private final Path baseDir;

  private MiniCluster(MiniDFSCluster cluster, Path baseDir) {
    this.cluster = cluster;
    this.baseDir = baseDir;
  }

  /** The cluster shared by every test class of this JVM: one DataNode, replication 1. */
  static MiniCluster shared(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(MiniCluster.class, k -> start(1, new Configuration()), MiniCluster.class);
  }

  /** Starts a cluster of {@code dataNodes} DataNodes with {@code conf} (plus loopback-only addresses). */
  static MiniCluster start(int dataNodes, Configuration conf) {
    try {
      Path base = Files.createTempDirectory("rdal-minidfs-");
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
      conf.set("dfs.namenode.http-address", "127.0.0.1:0");
      conf.set("dfs.datanode.address", "127.0.0.1:0");
      conf.set("dfs.datanode.http.address", "127.0.0.1:0");
      conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
      // a file's close completes once its last block is committed, without waiting for the DataNode's
      // report of it (the client would otherwise retry after 400 ms): writes of small files stay fast
      conf.setIfUnset("dfs.namenode.file.close.num-committed-allowed", "1");
      conf.setIfUnset("dfs.replication", Integer.toString(Math.min(dataNodes, 3)));
      MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, new File(base.toString()))
          .numDataNodes(dataNodes)
          .build();
      cluster.waitActive();
      return new MiniCluster(cluster, base);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  MiniDFSCluster cluster() {
    return cluster;
  }

  /** {@code hdfs://127.0.0.1:port}, the NameNode. */
  URI namenode() {
    URI u = cluster.getURI();
    return URI.create(u.getScheme() + "://" + u.getAuthority());
  }

  /** A fresh root directory path for one test class (not created). */
  String newRoot(String name) {
    return "/" + name + "-" + UUID.randomUUID();
  }

  /**
   * Options for a backend over a fresh root of this cluster. The client's first wait for a file's
   * completion is shortened from Hadoop's 400 ms: the kit writes thousands of one-byte files, and on a
   * one-DataNode cluster nearly every close waits once. The wait is a back-off, never a timeout, so
   * this changes speed only.
   */
  HdfsOptions options(String name) {
    return HdfsOptions.of(namenode(), newRoot(name))
        .withHadoop("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "10");
  }

  @Override
  public void close() {
    cluster.shutdown(true);
    if (!Files.exists(baseDir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(baseDir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
