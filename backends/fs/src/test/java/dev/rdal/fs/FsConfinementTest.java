package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.spi.ReadRequest;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Every path stays inside the root: '..', absolute paths and links leading outside are refused. */
class FsConfinementTest {

  @TempDir
  Path base;

  private Path root;
  private Path outside;
  private Operator op;
  private FsBackend backend;

  @BeforeEach
  void open() throws Exception {
    root = Files.createDirectories(base.resolve("root"));
    outside = Files.createDirectories(base.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    Files.writeString(root.resolve("inside.txt"), "inside");
    Files.createDirectories(root.resolve("dir"));
    Files.writeString(root.resolve("dir/in-dir.txt"), "in dir");
    Files.createSymbolicLink(root.resolve("out-file"), outside.resolve("secret"));
    Files.createSymbolicLink(root.resolve("out-dir"), outside);
    Files.createSymbolicLink(root.resolve("dangling-out"), outside.resolve("not-yet"));
    Files.createSymbolicLink(root.resolve("in-file"), root.resolve("inside.txt"));
    Files.createSymbolicLink(root.resolve("in-dir"), Path.of("dir"));
    backend = new FsBackend(FsOptions.of(root));
    op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(2)).build();
  }

  @AfterEach
  void close() {
    op.close();
  }

  private static void denied(Publisher<?> p) {
    StepVerifier.create(Flux.from(p))
        .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.PERMISSION_DENIED))
        .verify(TIMEOUT);
  }

  @Test
  void dotDotEscapesAreRefused() {
    denied(op.read("../outside/secret"));
    denied(op.read("dir/../../outside/secret"));
    denied(op.stat(".."));
    denied(op.write("../escape", new byte[1]));
    denied(op.list("../"));
    assertThat(outside.resolve("escape")).doesNotExist();
  }

  @Test
  void absoluteAndUnnormalisedPathsAreRefusedByTheBackendItself() {
    String abs = outside.resolve("secret").toString();
    denied(backend.read(abs, ReadRequest.all()));
    denied(backend.stat(abs));
    denied(backend.read("dir/../../outside/secret", ReadRequest.all()));
    denied(backend.write("../x", Flux.empty(), dev.rdal.WriteOptions.defaults()));
    denied(backend.delete("/etc/hostname"));
  }

  @Test
  void absolutePathsThroughTheOperatorAreRelativeToTheRoot() {
    // the operator's paths are rooted at the fs root: "/etc/passwd" is root/etc/passwd, which is missing
    StepVerifier.create(op.read("/" + outside.resolve("secret")))
        .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.NOT_FOUND)).verify(TIMEOUT);
    assertThat(op.readAllBytes("/inside.txt").block(TIMEOUT)).isEqualTo("inside".getBytes());
  }

  @Test
  void linksLeadingOutsideAreRefusedForEveryOperation() {
    denied(op.read("out-file"));
    denied(op.stat("out-file"));
    denied(op.openReader("out-file"));
    denied(op.read("out-dir/secret"));
    denied(op.write("out-dir/planted", new byte[1]));
    denied(op.write("out-file", new byte[1]));
    denied(op.write("dangling-out", new byte[1], dev.rdal.WriteOptions.defaults().withAppend(true)));
    denied(op.createDir("out-dir/sub/"));
    denied(op.list("out-dir/"));
    denied(op.copy("out-file", "copied"));
    denied(op.copy("inside.txt", "out-dir/copied"));
    denied(op.rename("inside.txt", "out-dir/moved"));
    denied(op.delete("out-dir/secret"));
    assertThat(outside.resolve("planted")).doesNotExist();
    assertThat(outside.resolve("not-yet")).doesNotExist();
    assertThat(outside.resolve("secret")).hasContent("secret");
    assertThat(root.resolve("inside.txt")).hasContent("inside");
  }

  @Test
  void linksInsideTheRootAreFollowed() {
    assertThat(op.readAllBytes("in-file").block(TIMEOUT)).isEqualTo("inside".getBytes());
    assertThat(op.readAllBytes("in-dir/in-dir.txt").block(TIMEOUT)).isEqualTo("in dir".getBytes());
    op.write("in-dir/new.txt", "new".getBytes()).block(TIMEOUT);
    assertThat(root.resolve("dir/new.txt")).hasContent("new");
  }

  @Test
  void listingsLeaveOutLinksThatLeadOutsideAndDoNotEnterLinkedDirectories() {
    List<String> all = op.list("/", ListOptions.recursively()).map(ObjectMeta::path).collectList().block(TIMEOUT);
    assertThat(all).containsExactly("dir/", "dir/in-dir.txt", "in-dir/", "in-file", "inside.txt");
  }
}
