package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code fs} scheme: found by the service loader, configured from URIs and keys, refusing bad config. */
class FsBackendProviderTest {

  @TempDir
  Path dir;

  @Test
  void fsIsAKnownSchemeAndItsUriPathIsTheRoot() throws Exception {
    assertThat(Operator.knownSchemes()).contains("fs");
    try (Operator op = Operator.of("fs://" + dir.resolve("data") + "?chunk-size=256k&read-ahead=3&fsync=true")) {
      assertThat(op.scheme()).isEqualTo("fs");
      assertThat(op.executionPolicy()).isEqualTo(ExecutionPolicy.global());
      assertThat(op.capabilities().has(Capability.PRESIGN)).isFalse();
      assertThat(op.capabilities().has(Capability.POSITIONAL_READ)).isTrue();
      op.write("hello", "hi".getBytes()).block(TIMEOUT);
      assertThat(op.toString()).contains("chunkSize=262144", "readAhead=3", "fsync=true");
    }
    assertThat(dir.resolve("data/hello")).hasContent("hi");
  }

  @Test
  void configKeysWork() {
    try (Operator op = Operator.builder("fs").config("root", dir.toString()).config("xattrs", "false").build()) {
      assertThat(op.capabilities().has(Capability.USER_METADATA)).isFalse();
    }
  }

  @Test
  void badConfigurationIsConfigInvalidNamingTheKey() throws Exception {
    assertConfigInvalid(() -> Operator.of("fs", java.util.Map.of()), "root");
    assertConfigInvalid(() -> Operator.of("fs://" + dir + "?chunk-size=12"), "chunk-size");
    assertConfigInvalid(() -> Operator.of("fs://" + dir + "?fsync=maybe"), "fsync");
    assertConfigInvalid(() -> Operator.of("fs://" + dir + "?read-ahead=-1"), "read-ahead");
    assertConfigInvalid(() -> Operator.of("fs://" + dir + "?read-ahead=" + (FsDefaults.MAX_READ_AHEAD_CHUNKS + 1)), "read-ahead");
    assertConfigInvalid(() -> Operator.of("fs://" + dir + "?read-ahead=two"), "read-ahead");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertConfigInvalid(() -> Operator.of("fs://" + file), "not a directory");
    assertConfigInvalid(() -> Operator.of("fs://" + dir.resolve("missing") + "?create-root=false"), "not a directory");
  }

  private static void assertConfigInvalid(Runnable r, String mentions) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
        .hasMessageContaining(mentions);
  }

  @Test
  void unknownKeysAreConfigInvalidNamingTheNearestKnownOne() {
    assertThatThrownBy(() -> Operator.of("fs://" + dir + "?readahead=2"))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
        .hasMessageContaining("'readahead'").hasMessageContaining("did you mean 'read-ahead'?");
    assertThatThrownBy(() -> Operator.builder("fs").config("root", dir.toString()).config("chunk_size", "256k").build())
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
        .hasMessageContaining("did you mean 'chunk-size'?");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aUriWithAHostIsRefusedNamingTheHostAndTheAbsoluteForm() throws Exception {
    assertConfigInvalid(() -> Operator.of("fs://data"), "names the host 'data'");
    assertConfigInvalid(() -> Operator.of("fs://data"), "fs:///absolute/path");
    assertConfigInvalid(() -> Operator.of("fs://./data"), "names the host '.'");
    assertConfigInvalid(() -> Operator.of("fs://localhost" + dir), "names the host 'localhost'");
    assertThat(new FsBackendProvider().configFromUri(java.net.URI.create("fs:///abs/path?fsync=true")))
        .containsEntry("root", "/abs/path").containsEntry("fsync", "true");
  }

  @Test
  void dotSlashDataWithAHostNeverCreatesDataAtTheFilesystemRoot() {
    boolean existed = Files.exists(Path.of("/data"));
    assertConfigInvalid(() -> Operator.of("fs://./data"), "names the host '.'");
    assertThat(Files.exists(Path.of("/data"))).isEqualTo(existed);
  }

  @Test
  void theOneSlashAndThreeSlashFormsAreAbsolute() {
    try (Operator op = Operator.of("fs:" + dir.resolve("one"))) {
      op.write("f", "1".getBytes()).block(TIMEOUT);
    }
    try (Operator op = Operator.of("fs://" + dir.resolve("three"))) {
      op.write("f", "3".getBytes()).block(TIMEOUT);
    }
    assertThat(dir.resolve("one/f")).hasContent("1");
    assertThat(dir.resolve("three/f")).hasContent("3");
  }

  @Test
  void theRelativeFormIsParsedAsARelativeRoot() {
    assertThat(new FsBackendProvider().configFromUri(java.net.URI.create("fs:relative/path?read-ahead=2")))
        .containsEntry("root", "relative/path").containsEntry("read-ahead", "2").hasSize(2);
    assertThat(new FsBackendProvider().configFromUri(java.net.URI.create("fs:./data")))
        .containsEntry("root", "./data");
  }

  @Test
  void aRelativeRootIsResolvedAgainstTheWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    Path relative = cwd.relativize(dir.resolve("rel"));
    try (Operator op = Operator.of("fs:" + relative)) {
      op.write("f", "r".getBytes()).block(TIMEOUT);
      assertThat(op.toString()).contains(dir.resolve("rel").toString());
    }
    try (Operator op = Operator.builder("fs").config("root", relative.toString()).build()) {
      assertThat(op.readAllBytes("f").block(TIMEOUT)).containsExactly('r');
    }
    assertThat(dir.resolve("rel/f")).hasContent("r");
  }

  @Test
  void onlyTheAskedRootIsCreatedNeverAMissingParent() {
    assertConfigInvalid(() -> Operator.of("fs://" + dir.resolve("missing/root")), "its parent");
    assertThat(dir.resolve("missing")).doesNotExist();
    assertConfigInvalid(() -> Operator.of("fs://" + dir.resolve("also-missing") + "?create-root=false"), "not a directory");
    assertThat(dir.resolve("also-missing")).doesNotExist();
  }

  @Test
  void aMissingRootSaysWhichFormsThereAre() {
    assertConfigInvalid(() -> Operator.of("fs:"), "fs:///absolute/path");
  }
}
