package dev.rdal.hdfs;

import static dev.rdal.hdfs.HdfsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A DataNode stopped in the middle of a read: with replication 2 the read must end with exactly the
 * written bytes (identical SHA-256). The operator's resume is turned off here, so this shows that HDFS's
 * client moves to the other replica by itself; when no replica is left the body fails with a temporary
 * error ({@link HdfsErrors}), which the operator's resume handles as for every backend.
 * Runs on a cluster of its own (two DataNodes), since it stops one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HdfsDataNodeLossTest {

  private static final int BLOCK = 4 << 20;

  private MiniCluster cluster;

  @BeforeAll
  void start() {
    Configuration conf = new Configuration();
    conf.set("dfs.replication", "2");
    conf.set("dfs.blocksize", Integer.toString(BLOCK));
    cluster = MiniCluster.start(2, conf);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  @Test
  void aDataNodeStoppedMidReadLosesNoByteThroughHdfsFailoverAlone() throws Exception {
    byte[] data = HdfsTestSupport.randomBytes(4 * BLOCK, 42);
    HdfsOptions options = cluster.options("dn-loss").withHadoop("dfs.replication", "2")
        .withHadoop("dfs.blocksize", Integer.toString(BLOCK));
    // no resumes: the read must survive through HDFS's own move to the other replica
    try (Operator op = Operator.builder(new HdfsBackend(options)).maxResumes(0).build()) {
      op.write("big", data).block(TIMEOUT);
      for (boolean lent : new boolean[] {false, true}) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        // prefetch 1: the body reads at most one chunk beyond the one being consumed
        Iterator<ByteBuffer> chunks = op.read("big", ReadOptions.defaults().withLentBuffers(lent))
            .map(b -> {
              ByteBuffer copy = ByteBuffer.allocate(b.remaining()).put(b).flip();
              return copy;
            })
            .toIterable(1).iterator();
        sha.update(chunks.next());
        // the DataNode serving the block being read has a transfer thread for it
        List<DataNode> nodes = cluster.cluster().getDataNodes();
        DataNode serving = nodes.stream().max(Comparator.comparingInt(DataNode::getXceiverCount)).orElseThrow();
        int index = nodes.indexOf(serving);
        var stopped = cluster.cluster().stopDataNode(index);
        while (chunks.hasNext()) {
          sha.update(chunks.next());
        }
        assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(cluster.cluster().restartDataNode(stopped, true)).isTrue();
        cluster.cluster().waitActive();
      }
    }
  }
}
