package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** stat, exists, delete, recursive delete, create-dir, copy, rename and the positional-read handle. */
class FsOperationsTest {

  @TempDir
  Path root;

  private Operator op;

  @BeforeEach
  void open() {
    op = FsTestSupport.operator(root, ExecutionPolicy.dedicated(2));
  }

  @AfterEach
  void close() {
    op.close();
  }

  private static void expectKind(Mono<?> m, ErrorKind kind) {
    StepVerifier.create(m).expectErrorMatches(e -> RdalException.isKind(e, kind)).verify(TIMEOUT);
  }

  @Test
  void statDescribesFilesDirectoriesAndTheRoot() throws Exception {
    op.write("d/f.bin", new byte[42]).block(TIMEOUT);
    ObjectMeta f = op.stat("d/f.bin").block(TIMEOUT);
    assertThat(f.directory()).isFalse();
    assertThat(f.size()).isEqualTo(42);
    assertThat(f.lastModified()).isNotNull();
    assertThat(f.etag()).startsWith("\"").endsWith("\"");
    assertThat(op.stat("d").block(TIMEOUT).path()).isEqualTo("d/");
    assertThat(op.stat("d/").block(TIMEOUT).directory()).isTrue();
    assertThat(op.stat("/").block(TIMEOUT).path()).isEqualTo("/");
    expectKind(op.stat("missing"), ErrorKind.NOT_FOUND);
    expectKind(op.stat("d/f.bin/"), ErrorKind.NOT_A_DIRECTORY);
    assertThat(op.exists("d/f.bin").block(TIMEOUT)).isTrue();
    assertThat(op.exists("nope").block(TIMEOUT)).isFalse();
  }

  @Test
  void deleteRemovesFilesAndEmptyDirectoriesAndIgnoresMissingPaths() throws Exception {
    op.write("d/f", new byte[1]).block(TIMEOUT);
    op.delete("missing").block(TIMEOUT);
    op.delete("missing/").block(TIMEOUT);
    expectKind(op.delete("d/"), ErrorKind.INVALID_INPUT);
    expectKind(op.delete("d"), ErrorKind.IS_A_DIRECTORY);
    expectKind(op.delete("d/f/"), ErrorKind.NOT_A_DIRECTORY);
    op.delete("d/f").block(TIMEOUT);
    op.delete("d/").block(TIMEOUT);
    assertThat(root.resolve("d")).doesNotExist();
  }

  @Test
  void deleteRecursiveEmptiesATree() throws Exception {
    for (int i = 0; i < 20; i++) {
      op.write("t/" + (i % 3) + "/" + (i % 2) + "/f" + i, new byte[i]).block(TIMEOUT);
    }
    op.write("keep", new byte[1]).block(TIMEOUT);
    op.deleteRecursive("t/").block(TIMEOUT);
    assertThat(root.resolve("t")).doesNotExist();
    assertThat(op.list("/", ListOptions.recursively()).map(ObjectMeta::path).collectList().block(TIMEOUT))
        .containsExactly("keep");
    op.deleteRecursive("gone/").block(TIMEOUT);
  }

  @Test
  void createDirMakesParentsAndIsIdempotent() throws Exception {
    op.createDir("x/y/z/").block(TIMEOUT);
    op.createDir("x/y/z").block(TIMEOUT);
    assertThat(root.resolve("x/y/z")).isDirectory();
    op.write("file", new byte[1]).block(TIMEOUT);
    expectKind(op.createDir("file/sub/"), ErrorKind.NOT_A_DIRECTORY);
    expectKind(op.createDir("file/"), ErrorKind.NOT_A_DIRECTORY);
  }

  @Test
  void copyDuplicatesIndependentlyAndOverwrites() throws Exception {
    byte[] content = FsTestSupport.randomBytes(3 << 20, 3);
    op.write("src", content).block(TIMEOUT);
    op.write("dst/copy", new byte[] {1}).block(TIMEOUT);
    ObjectMeta m = op.copy("src", "dst/copy").block(TIMEOUT);
    assertThat(m.size()).isEqualTo(content.length);
    assertThat(Files.readAllBytes(root.resolve("dst/copy"))).isEqualTo(content);
    op.write("src", new byte[] {9}).block(TIMEOUT);
    assertThat(Files.readAllBytes(root.resolve("dst/copy"))).isEqualTo(content);
    assertThat(op.copy("src", "src").block(TIMEOUT).size()).isEqualTo(1);
    expectKind(op.copy("missing", "x"), ErrorKind.NOT_FOUND);
    op.createDir("adir/").block(TIMEOUT);
    expectKind(op.copy("adir", "x"), ErrorKind.IS_A_DIRECTORY);
    expectKind(op.copy("src", "adir"), ErrorKind.IS_A_DIRECTORY);
  }

  @Test
  void renameMovesAtomicallyAndOverwrites() throws Exception {
    op.write("a", "A".getBytes()).block(TIMEOUT);
    op.write("b", "B".getBytes()).block(TIMEOUT);
    String etag = op.stat("a").block(TIMEOUT).etag();
    op.rename("a", "deep/er/b2").block(TIMEOUT);
    assertThat(root.resolve("a")).doesNotExist();
    assertThat(op.stat("deep/er/b2").block(TIMEOUT).etag()).isEqualTo(etag);
    op.rename("deep/er/b2", "b").block(TIMEOUT);
    assertThat(Files.readString(root.resolve("b"))).isEqualTo("A");
    expectKind(op.rename("missing", "c"), ErrorKind.NOT_FOUND);
    op.createDir("dir/").block(TIMEOUT);
    expectKind(op.rename("dir", "c"), ErrorKind.IS_A_DIRECTORY);
    expectKind(op.rename("b", "dir"), ErrorKind.IS_A_DIRECTORY);
  }

  @Test
  void positionalReaderKeepsOneDescriptorOpenUntilClosed() throws Exception {
    byte[] content = FsTestSupport.randomBytes(100_000, 5);
    op.write("p.bin", content).block(TIMEOUT);
    try (PositionalReader warm = op.openReader("p.bin").block(TIMEOUT)) {
      warm.read(0, ByteBuffer.allocate(1)).block(TIMEOUT);
    }
    int before = FsTestSupport.openFileDescriptors(root);
    PositionalReader r = op.openReader("p.bin").block(TIMEOUT);
    assertThat(r.meta().size()).isEqualTo(content.length);
    assertThat(FsTestSupport.openFileDescriptors(root)).isEqualTo(before + 1);
    for (int i = 0; i < 200; i++) {
      int pos = (i * 7919) % (content.length - 64);
      ByteBuffer dst = ByteBuffer.allocate(64);
      assertThat(r.read(pos, dst).block(TIMEOUT)).isEqualTo(64);
      assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(content, pos, pos + 64));
    }
    assertThat(FsTestSupport.openFileDescriptors(root)).isEqualTo(before + 1);
    ByteBuffer tail = ByteBuffer.allocate(100);
    assertThat(r.read(content.length - 10, tail).block(TIMEOUT)).isEqualTo(10);
    assertThat(r.read(content.length, ByteBuffer.allocate(10)).block(TIMEOUT)).isEqualTo(-1);
    r.close();
    assertThat(FsTestSupport.openFileDescriptors(root)).isEqualTo(before);
    expectKind(r.read(0, ByteBuffer.allocate(1)), ErrorKind.UNEXPECTED);
    expectKind(op.openReader("missing"), ErrorKind.NOT_FOUND);
    op.createDir("dir/").block(TIMEOUT);
    expectKind(op.openReader("dir"), ErrorKind.IS_A_DIRECTORY);
    assertThat(FsTestSupport.openFileDescriptors(root)).isEqualTo(before);
  }

  @Test
  void closingTheOperatorClosesOpenReaders() throws Exception {
    op.write("p.bin", new byte[10]).block(TIMEOUT);
    op.openReader("p.bin").block(TIMEOUT).close();
    int before = FsTestSupport.openFileDescriptors(root);
    PositionalReader r1 = op.openReader("p.bin").block(TIMEOUT);
    PositionalReader r2 = op.openReader("p.bin").block(TIMEOUT);
    assertThat(FsTestSupport.openFileDescriptors(root)).isEqualTo(before + 2);
    op.close();
    assertThat(FsTestSupport.openFileDescriptors(root)).isEqualTo(before);
    expectKind(r1.read(0, ByteBuffer.allocate(1)), ErrorKind.UNEXPECTED);
    r2.close();
  }
}
