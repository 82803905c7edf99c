package dev.rdal.hdfs;

import static dev.rdal.hdfs.HdfsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code hdfs://} URI, the backend's keys, the Hadoop keys passed through, and typed errors for bad values. */
class HdfsConfigTest {

  @RegisterExtension
  static final ClusterExtension CLUSTER = new ClusterExtension();

  @TempDir
  Path tmp;

  private static void invalid(Map<String, String> config, String key) {
    assertThatThrownBy(() -> HdfsOptions.from(new BackendConfig("hdfs", config)))
        .isInstanceOfSatisfying(RdalException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
          assertThat(e.getMessage()).contains("'" + key + "'");
        });
  }

  @Test
  void aUriNamesNameNodeRootAndKeys() {
    URI nn = CLUSTER.cluster().namenode();
    String root = CLUSTER.cluster().newRoot("uri");
    try (Operator op = Operator.of(nn + root + "?chunk-size=64k&threads=3&dfs.client.socket-timeout=90000")) {
      op.write("a/b", new byte[] {1, 2, 3}).block(TIMEOUT);
      assertThat(op.readAllBytes("a/b").block(TIMEOUT)).containsExactly(1, 2, 3);
      assertThat(op.executionPolicy().dedicatedSpec().threads()).isEqualTo(3);
      op.deleteRecursive("/").block(TIMEOUT);
    }
  }

  @Test
  void keysAreReadAndHadoopKeysPassThrough() {
    HdfsOptions o = HdfsOptions.from(new BackendConfig("hdfs", Map.of("host", "nn.example:8020", "root", "/data//x/",
        "chunk-size", "256k", "dfs.replication", "2", "fs.trash.interval", "0", "other", "ignored")));
    assertThat(o.namenode()).isEqualTo(URI.create("hdfs://nn.example:8020"));
    assertThat(o.root()).isEqualTo("/data/x");
    assertThat(o.chunkSize()).isEqualTo(256 << 10);
    assertThat(o.hadoop()).containsOnly(Map.entry("dfs.replication", "2"), Map.entry("fs.trash.interval", "0"));
    assertThat(FileSystems.configuration(o).get("dfs.replication")).isEqualTo("2");
    assertThat(HdfsOptions.from(new BackendConfig("hdfs", Map.of("host", "mycluster"))).root()).isEqualTo("/");
    HdfsOptions secret = o.withHadoop("hadoop.security.credential.provider.password", "hunter2");
    assertThat(secret.toString()).doesNotContain("hunter2").contains("<redacted>");
  }

  @Test
  void badValuesAreConfigInvalidNamingTheKey() throws Exception {
    invalid(Map.of(), "host");
    invalid(Map.of("host", "nn:8020", "root", "relative"), "root");
    invalid(Map.of("host", "nn:8020", "chunk-size", "1"), "chunk-size");
    invalid(Map.of("host", "nn:8020", "threads", "0"), "threads");
    invalid(Map.of("host", "nn:8020", "kerberos-principal", "rdal@EXAMPLE.COM"), "kerberos-keytab");
    invalid(Map.of("host", "nn:8020", "kerberos-keytab", "/k"), "kerberos-principal");
    invalid(Map.of("host", "nn:8020", "kerberos-principal", "rdal@EXAMPLE.COM",
        "kerberos-keytab", tmp.resolve("missing.keytab").toString()), "kerberos-keytab");
    Path keytab = Files.writeString(tmp.resolve("rdal.keytab"), "not checked here");
    HdfsOptions k = HdfsOptions.from(new BackendConfig("hdfs", Map.of("host", "nn:8020",
        "kerberos-principal", "rdal@EXAMPLE.COM", "kerberos-keytab", keytab.toString())));
    assertThat(k.kerberos().principal()).isEqualTo("rdal@EXAMPLE.COM");
    assertThat(FileSystems.configuration(k).get("hadoop.security.authentication")).isEqualTo("kerberos");
  }

  @Test
  void aRootWithDotDotOrAColonIsInvalid() {
    assertThatThrownBy(() -> HdfsOptions.of(URI.create("hdfs://nn:8020"), "/a/../b"))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    assertThatThrownBy(() -> HdfsOptions.of(URI.create("hdfs://nn:8020/path"), "/"))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  void theSchemeIsFoundByTheServiceLoader() {
    assertThat(Operator.knownSchemes()).contains("hdfs");
  }
}
