package dev.rdal.hdfs;

import static dev.rdal.hdfs.HdfsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.Operator;
import dev.rdal.PositionalReader;
import dev.rdal.ReadResult;
import dev.rdal.ReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing closes what rdal opened and nothing else: every open stream, then the backend's own
 * {@code FileSystem} instance, while the JVM-wide cached instance an application shares stays usable.
 */
class HdfsCloseTest {

  @RegisterExtension
  static final ClusterExtension CLUSTER = new ClusterExtension();

  @Test
  void closeClosesEveryStreamAndTheOwnFileSystemButNotTheCachedOne() throws Exception {
    Configuration conf = new Configuration();
    FileSystem cached = FileSystem.get(CLUSTER.cluster().namenode(), conf);
    HdfsBackend backend = new HdfsBackend(CLUSTER.cluster().options("close"));
    Operator op = Operator.builder(backend).build();
    op.write("f", HdfsTestSupport.randomBytes(3 << 20, 3)).block(TIMEOUT);
    assertThat(backend.fileSystem()).isNotSameAs(cached);

    PositionalReader reader = op.openReader("f").block(TIMEOUT);
    ReadResult unread = op.readWithMeta("f", ReadOptions.defaults()).block(TIMEOUT);
    assertThat(backend.openStreams()).isEqualTo(2);

    op.close();
    assertThat(backend.openStreams()).isZero();
    assertThatThrownBy(() -> backend.fileSystem().getFileStatus(backend.root()))
        .isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThat(cached.getFileStatus(new Path("/")).isDirectory()).isTrue();
    assertThatThrownBy(() -> reader.read(0, ByteBuffer.allocate(8)).block(TIMEOUT)).hasMessageContaining("closed");

    try (FileSystem check = FileSystem.newInstance(CLUSTER.cluster().namenode(), conf)) {
      check.delete(backend.root(), true);
    }
    // the cached instance is the application's: rdal never closes it, so the test does
    cached.close();
  }
}
