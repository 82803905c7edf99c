package dev.rdal.hdfs;

import static dev.rdal.hdfs.HdfsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Every case in which HDFS's {@code rename(src, dst)} answers {@code false}, each turned into its
 * {@link ErrorKind} (the table of {@link Renames}), the commits of writes and renames that use it, and
 * the temporary files of failed and cancelled writes.
 */
class HdfsRenameCasesTest {

  @RegisterExtension
  static final ClusterExtension CLUSTER = new ClusterExtension();

  private HdfsBackend backend;
  private Operator op;
  private FileSystem fs;
  private Path root;

  @BeforeEach
  void open() throws Exception {
    backend = new HdfsBackend(CLUSTER.cluster().options("rename"));
    op = Operator.builder(backend).build();
    fs = backend.fileSystem();
    root = backend.root();
    fs.mkdirs(root);
  }

  @AfterEach
  void close() throws Exception {
    fs.delete(root, true);
    op.close();
  }

  private Path p(String relative) {
    return new Path(root, relative);
  }

  private void file(String relative) throws Exception {
    try (var out = fs.create(p(relative), false)) {
      out.write(new byte[] {7});
    }
  }

  private static void kind(ThrowingRunnable r, ErrorKind kind) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  // ---- the table: rename(src, dst) returned false

  @Test
  void missingSourceIsNotFound() throws Exception {
    assertThat(fs.rename(p("missing"), p("dst"))).isFalse();
    kind(() -> Renames.createNew(fs, p("missing"), p("dst")), ErrorKind.NOT_FOUND);
  }

  @Test
  void existingFileAtTheDestinationIsAlreadyExists() throws Exception {
    file("src");
    file("dst");
    assertThat(fs.rename(p("src"), p("dst"))).isFalse();
    kind(() -> Renames.createNew(fs, p("src"), p("dst")), ErrorKind.ALREADY_EXISTS);
    assertThat(fs.exists(p("src"))).isTrue();
  }

  @Test
  void missingParentOfTheDestinationIsNotFound() throws Exception {
    file("src");
    assertThat(fs.rename(p("src"), p("no/such/dst"))).isFalse();
    kind(() -> Renames.createNew(fs, p("src"), p("no/such/dst")), ErrorKind.NOT_FOUND);
    assertThat(fs.exists(p("src"))).isTrue();
  }

  @Test
  void fileAsTheDestinationsParentIsNotADirectory() throws Exception {
    file("src");
    file("plain");
    // the one case HDFS answers with an exception rather than false
    assertThatThrownBy(() -> fs.rename(p("src"), p("plain/dst"))).isInstanceOf(ParentNotDirectoryException.class);
    kind(() -> Renames.createNew(fs, p("src"), p("plain/dst")), ErrorKind.NOT_A_DIRECTORY);
  }

  @Test
  void directoryAtTheDestinationIsIsADirectoryAndNeverReceivesTheFile() throws Exception {
    file("src");
    fs.mkdirs(p("dir"));
    file("other");
    // what the check before the call prevents: rename(src, dir) moves the file into the directory
    assertThat(fs.rename(p("other"), p("dir"))).isTrue();
    assertThat(fs.exists(p("dir/other"))).isTrue();
    fs.delete(p("dir/other"), false);
    kind(() -> Renames.createNew(fs, p("src"), p("dir")), ErrorKind.IS_A_DIRECTORY);
    assertThat(fs.listStatus(p("dir"))).isEmpty();
    assertThat(fs.exists(p("src"))).isTrue();
  }

  @Test
  void explainingAFalseThatNothingExplainsIsATemporaryError() throws Exception {
    file("src");
    RdalException e = Renames.explain(fs, p("src"), p("free"), null);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED);
    assertThat(e.isTemporary()).isTrue();
  }

  // ---- the replacing form (writes, copy, rename through the operator)

  @Test
  void replaceOverwritesAFileAtomically() throws Exception {
    file("src");
    file("dst");
    Renames.replace(fs, p("src"), p("dst"));
    assertThat(fs.exists(p("src"))).isFalse();
    assertThat(fs.getFileStatus(p("dst")).getLen()).isEqualTo(1);
  }

  @Test
  void replaceCasesAreTyped() throws Exception {
    kind(() -> Renames.replace(fs, p("missing"), p("dst")), ErrorKind.NOT_FOUND);
    file("src");
    fs.mkdirs(p("dir"));
    kind(() -> Renames.replace(fs, p("src"), p("dir")), ErrorKind.IS_A_DIRECTORY);
    kind(() -> Renames.replace(fs, p("src"), p("no/such/dst")), ErrorKind.NOT_FOUND);
    file("plain");
    kind(() -> Renames.replace(fs, p("src"), p("plain/dst")), ErrorKind.NOT_A_DIRECTORY);
    assertThat(fs.exists(p("src"))).isTrue();
  }

  @Test
  void operatorRenameOntoADirectoryIsIsADirectory() {
    op.write("a", new byte[] {1}).block(TIMEOUT);
    op.createDir("d/").block(TIMEOUT);
    assertFails(op.rename("a", "d"), ErrorKind.IS_A_DIRECTORY);
    assertFails(op.rename("missing", "b"), ErrorKind.NOT_FOUND);
    assertFails(op.rename("a", "a/b"), ErrorKind.NOT_A_DIRECTORY);
    assertThat(op.readAllBytes("a").block(TIMEOUT)).containsExactly(1);
  }

  @Test
  void ifNotExistsWriteOntoAFileIsAlreadyExistsAndKeepsIt() {
    op.write("x", new byte[] {1}).block(TIMEOUT);
    assertFails(op.write("x", new byte[] {2}, WriteOptions.defaults().withIfNotExists(true)), ErrorKind.ALREADY_EXISTS);
    assertThat(op.readAllBytes("x").block(TIMEOUT)).containsExactly(1);
    op.write("y", new byte[] {3}, WriteOptions.defaults().withIfNotExists(true)).block(TIMEOUT);
    assertThat(op.readAllBytes("y").block(TIMEOUT)).containsExactly(3);
  }

  // ---- failed and cancelled writes leave no temporary file

  @Test
  void aFailedBodyLeavesNoTemporaryFileAndTheOldContent() throws Exception {
    op.write("w", new byte[] {1}).block(TIMEOUT);
    Flux<ByteBuffer> failing = Flux.concat(Flux.just(ByteBuffer.wrap(new byte[1000])),
        Flux.error(new IllegalStateException("producer failed")));
    StepVerifier.create(op.write("w", failing)).expectError().verify(TIMEOUT);
    assertThat(names("")).containsExactly("w");
    assertThat(op.readAllBytes("w").block(TIMEOUT)).containsExactly(1);
  }

  @Test
  void aCancelledWriteLeavesNoTemporaryFile() throws Exception {
    Sinks.Many<ByteBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
    body.tryEmitNext(ByteBuffer.wrap(new byte[4096]));
    StepVerifier.create(op.write("dir/c", body.asFlux()))
        .then(() -> HdfsTestSupport.awaitUntil(() -> backend.openStreams() == 1))
        .thenCancel()
        .verify(TIMEOUT);
    HdfsTestSupport.awaitUntil(() -> backend.openStreams() == 0);
    HdfsTestSupport.awaitUntil(() -> names("dir").isEmpty());
  }

  @Test
  void closingTheBackendMidWriteDeletesTheTemporaryFile() throws Exception {
    Sinks.Many<ByteBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
    body.tryEmitNext(ByteBuffer.wrap(new byte[4096]));
    HdfsBackend other = new HdfsBackend(CLUSTER.cluster().options("rename-close"));
    try (Operator second = Operator.builder(other).build()) {
      var pending = second.write("f", body.asFlux()).toFuture();
      HdfsTestSupport.awaitUntil(() -> other.openStreams() == 1);
      Path dir = other.root();
      second.close();
      assertThat(pending).failsWithin(TIMEOUT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withMessageContaining("closed");
      try (FileSystem check = FileSystem.newInstance(CLUSTER.cluster().namenode(), new org.apache.hadoop.conf.Configuration())) {
        assertThat(check.listStatus(dir)).isEmpty();
        check.delete(dir, true);
      }
    }
  }

  private java.util.List<String> names(String dir) {
    try {
      return Arrays.stream(fs.listStatus(dir.isEmpty() ? root : p(dir))).map(s -> s.getPath().getName()).sorted().toList();
    } catch (java.io.FileNotFoundException e) {
      return java.util.List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertFails(Publisher<?> p, ErrorKind kind) {
    StepVerifier.create(Flux.from(p))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(RdalException.class,
            r -> assertThat(r.kind()).isEqualTo(kind)))
        .verify(TIMEOUT);
  }
}
