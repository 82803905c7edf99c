package dev.rdal.hdfs;

import static dev.rdal.hdfs.HdfsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import dev.rdal.spi.ReadRequest;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Every path stays inside the root, as for fs: '..' escapes and absolute paths are refused, a sibling
 * directory whose name starts like the root's is never reached, and ':' (a URI scheme to Hadoop) is
 * refused as invalid input rather than read as another file system.
 */
class HdfsConfinementTest {

  @RegisterExtension
  static final ClusterExtension CLUSTER = new ClusterExtension();

  private HdfsBackend backend;
  private Operator op;
  private FileSystem fs;
  private Path outside;

  @BeforeEach
  void open() throws Exception {
    backend = new HdfsBackend(CLUSTER.cluster().options("confined"));
    op = Operator.builder(backend).build();
    fs = backend.fileSystem();
    Path root = backend.root();
    outside = new Path(root.getParent(), root.getName() + "-outside");
    try (var out = fs.create(new Path(outside, "secret"))) {
      out.write("secret".getBytes());
    }
    op.write("inside.txt", "inside".getBytes()).block(TIMEOUT);
    op.write("dir/in-dir.txt", "in dir".getBytes()).block(TIMEOUT);
  }

  @AfterEach
  void close() throws Exception {
    fs.delete(outside, true);
    fs.delete(backend.root(), true);
    op.close();
  }

  private static void fails(Publisher<?> p, ErrorKind kind) {
    StepVerifier.create(Flux.from(p))
        .expectErrorMatches(e -> RdalException.isKind(e, kind))
        .verify(TIMEOUT);
  }

  @Test
  void dotDotEscapesAreRefused() throws Exception {
    String sibling = "../" + outside.getName() + "/secret";
    fails(op.read(sibling), ErrorKind.PERMISSION_DENIED);
    fails(op.read("dir/../../" + outside.getName() + "/secret"), ErrorKind.PERMISSION_DENIED);
    fails(op.stat(".."), ErrorKind.PERMISSION_DENIED);
    fails(op.write("../" + outside.getName() + "/planted", new byte[1]), ErrorKind.PERMISSION_DENIED);
    fails(op.list("../"), ErrorKind.PERMISSION_DENIED);
    fails(op.delete(sibling), ErrorKind.PERMISSION_DENIED);
    fails(op.copy("inside.txt", "../" + outside.getName() + "/copied"), ErrorKind.PERMISSION_DENIED);
    fails(op.rename("inside.txt", "../" + outside.getName() + "/moved"), ErrorKind.PERMISSION_DENIED);
    assertThat(fs.listStatus(outside)).extracting(s -> s.getPath().getName()).containsExactly("secret");
  }

  @Test
  void absoluteAndUnnormalisedPathsAreRefusedByTheBackendItself() {
    String abs = new Path(outside, "secret").toUri().getPath();
    fails(backend.read(abs, ReadRequest.all()), ErrorKind.PERMISSION_DENIED);
    fails(backend.stat(abs), ErrorKind.PERMISSION_DENIED);
    fails(backend.read("dir/../../x", ReadRequest.all()), ErrorKind.PERMISSION_DENIED);
    fails(backend.write("../x", Flux.empty(), WriteOptions.defaults()), ErrorKind.PERMISSION_DENIED);
    fails(backend.delete("/tmp"), ErrorKind.PERMISSION_DENIED);
    fails(backend.openReader("a//b"), ErrorKind.PERMISSION_DENIED);
  }

  @Test
  void absolutePathsThroughTheOperatorAreRelativeToTheRoot() {
    fails(op.read(new Path(outside, "secret").toUri().getPath()), ErrorKind.NOT_FOUND);
    assertThat(op.readAllBytes("/inside.txt").block(TIMEOUT)).isEqualTo("inside".getBytes());
  }

  @Test
  void aColonIsInvalidInputNeverAnotherFileSystem() {
    fails(op.write("file:x", new byte[1]), ErrorKind.INVALID_INPUT);
    fails(op.read("hdfs:" + outside.toUri().getPath()), ErrorKind.INVALID_INPUT);
    fails(op.createDir("a:b/"), ErrorKind.INVALID_INPUT);
  }

  @Test
  void listingsStayBelowTheRoot() {
    List<String> all = op.list("/", ListOptions.recursively()).map(ObjectMeta::path).collectList().block(TIMEOUT);
    assertThat(all).containsExactly("dir/", "dir/in-dir.txt", "inside.txt");
  }
}
