package dev.rdal.hdfs;

import dev.rdal.Operator;
import dev.rdal.kit.BehaviorKit;
import dev.rdal.scheduler.ExecutionPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.BeforeAllCallback;

/**
 * The behavior kit against the JVM's MiniDFSCluster, below a root of its own, under one execution policy
 * per subclass (null: the backend's default). The kit's resource count is the number of HDFS streams the
 * run's backends hold open (read bodies, positional readers, writes in flight).
 */
abstract class HdfsKitSupport extends BehaviorKit {

  @RegisterExtension
  static final ClusterOf CLUSTER = new ClusterOf();

  private final List<HdfsBackend> backends = new ArrayList<>();
  private String root;

  /** The policy of this kit run, or null for the backend's default. */
  protected abstract ExecutionPolicy policy();

  @Override
  protected Operator createOperator() {
    HdfsBackend backend;
    synchronized (this) {
      HdfsOptions options = CLUSTER.cluster.options("kit");
      if (root == null) {
        root = options.root();
      }
      backend = new HdfsBackend(new HdfsOptions(options.namenode(), root, options.chunkSize(), options.threads(),
          options.hadoop(), null));
      backends.add(backend);
    }
    Operator.Builder b = Operator.builder(backend);
    if (policy() != null) {
      b.executionPolicy(policy());
    }
    return b.build();
  }

  /** HDFS refuses ':' in names (and Hadoop's paths would read it as a scheme). */
  @Override
  protected boolean storesName(String name) {
    return name.indexOf(':') < 0;
  }

  /**
   * HDFS lists a directory's children in its own (signed) byte order, so names with bytes of 0x80 and above
   * come before ASCII ones; the backend's listing merge does not yet reorder them into UTF-8 byte order.
   */
  @Override
  protected java.util.Map<String, String> storeLimitations() {
    return java.util.Map.of(UTF8_LISTING_ORDER, "HDFS lists children in signed byte order; the hdfs listing does "
        + "not yet reorder names with non-ASCII bytes into UTF-8 byte order (a known gap of this backend)");
  }

  /**
   * Hadoop's JVM-wide client threads: the peer (socket) cache's expiry thread, shared by every client of
   * the JVM, and the lease renewer, which ends up to a minute after its last client closed.
   */
  @Override
  protected boolean isSharedThread(Thread thread) {
    String n = thread.getName();
    return super.isSharedThread(thread) || n.startsWith("org.apache.hadoop.hdfs.PeerCache@")
        || n.startsWith("LeaseRenewer:");
  }

  @Override
  protected long openResourceCount() {
    synchronized (this) {
      return backends.stream().mapToLong(HdfsBackend::openStreams).sum();
    }
  }

  /** Finds the shared cluster before the kit's own before-all opens its operator. */
  static final class ClusterOf implements BeforeAllCallback {
    volatile MiniCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
      cluster = MiniCluster.shared(context);
    }
  }
}
