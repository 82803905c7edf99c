package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** stat and exists of files, directories, the root, and paths that need normalising. */
abstract class StatCases extends KitCases {

  StatCases(BehaviorKit kit) {
    super(kit);
  }

  @BeforeEach
  final void needsStat() {
    require(Capability.STAT);
  }

  @Test
  @DisplayName("stat of a file reports path, size, ETag and a recent modification time")
  void statFile() {
    Instant before = Instant.now().minus(Duration.ofMinutes(10));
    ObjectMeta w = put(p("f.bin"), bytes(321));
    ObjectMeta m = stat(p("f.bin"));
    assertThat(m.path()).isEqualTo(p("f.bin"));
    assertThat(m.directory()).isFalse();
    assertThat(m.size()).isEqualTo(321);
    assertThat(m.etag()).isEqualTo(w.etag());
    assertThat(m.lastModified()).isNotNull().isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(10)));
    assertThat(m.name()).isEqualTo("f.bin");
  }

  @Test
  @DisplayName("stat of a zero-length file reports size 0")
  void statEmptyFile() {
    put(p("e"), new byte[0]);
    ObjectMeta m = stat(p("e"));
    assertThat(m.size()).isZero();
    assertThat(m.directory()).isFalse();
  }

  @Test
  @DisplayName("stat of the root is a directory named /")
  void statRoot() {
    ObjectMeta m = stat("/");
    assertThat(m.path()).isEqualTo("/");
    assertThat(m.directory()).isTrue();
    assertThat(m.size()).isZero();
  }

  @Test
  @DisplayName("stat of the root spelled '.' or '//' is the root")
  void statRootSpellings() {
    assertThat(stat(".").path()).isEqualTo("/");
    assertThat(stat("//").path()).isEqualTo("/");
  }

  @Test
  @DisplayName("stat of a directory (trailing /) is a directory ending with /")
  void statDirectory() {
    put(p("d/x"), bytes(1));
    ObjectMeta m = stat(p("d/"));
    assertThat(m.path()).isEqualTo(p("d/"));
    assertThat(m.directory()).isTrue();
    assertThat(m.size()).isZero();
    assertThat(m.name()).isEqualTo("d");
  }

  @Test
  @DisplayName("stat of a directory named without / reports it with /")
  void statDirectoryWithoutSlash() {
    put(p("d/x"), bytes(1));
    ObjectMeta m = stat(p("d"));
    assertThat(m.path()).isEqualTo(p("d/"));
    assertThat(m.directory()).isTrue();
  }

  @Test
  @DisplayName("stat of an empty directory made by createDir")
  void statEmptyDirectory() {
    mkdir(p("empty/"));
    assertThat(stat(p("empty/")).directory()).isTrue();
  }

  @Test
  @DisplayName("stat of //path is stat of path")
  void statDoubleSlash() {
    put(p("f"), bytes(7));
    ObjectMeta m = stat("//" + p("f"));
    assertThat(m.path()).isEqualTo(p("f"));
    assertThat(m.size()).isEqualTo(7);
  }

  @Test
  @DisplayName("stat of /path, ./path and a/../path is stat of path")
  void statNormalisedSpellings() {
    put(p("f"), bytes(7));
    assertThat(stat("/" + p("f")).path()).isEqualTo(p("f"));
    assertThat(stat("./" + p("f")).path()).isEqualTo(p("f"));
    assertThat(stat(dir + "x/../f").path()).isEqualTo(p("f"));
  }

  @Test
  @DisplayName("stat of a missing path is NOT_FOUND")
  void statMissing() {
    assertFails(op().stat(p("missing")), ErrorKind.NOT_FOUND);
  }

  @Test
  @DisplayName("stat below a missing parent is NOT_FOUND")
  void statNestedMissingParent() {
    assertFails(op().stat(p("no/such/parent/f")), ErrorKind.NOT_FOUND);
    assertFails(op().stat(p("no/such/parent/")), ErrorKind.NOT_FOUND);
  }

  @Test
  @DisplayName("stat of a file named as a directory (trailing /) is NOT_A_DIRECTORY")
  void statFileAsDirectory() {
    put(p("f"), bytes(1));
    assertFails(op().stat(p("f/")), ErrorKind.NOT_A_DIRECTORY);
  }

  @Test
  @DisplayName("stat follows an overwrite")
  void statAfterOverwrite() {
    put(p("f"), bytes(10));
    put(p("f"), bytes(20));
    assertThat(stat(p("f")).size()).isEqualTo(20);
  }

  @Test
  @DisplayName("exists is true for files and directories, false for missing paths")
  void existsCases() {
    put(p("d/f"), bytes(1));
    assertThat(exists(p("d/f"))).isTrue();
    assertThat(exists(p("d/"))).isTrue();
    assertThat(exists(p("d"))).isTrue();
    assertThat(exists("/")).isTrue();
    assertThat(exists(p("d/missing"))).isFalse();
    assertThat(exists(p("missing/deeper"))).isFalse();
  }

  @Test
  @DisplayName("exists of a file named as a directory (trailing /) is false")
  void existsFileAsDirectory() {
    put(p("f"), bytes(1));
    assertThat(exists(p("f/"))).isFalse();
    assertThat(exists(p("f"))).isTrue();
  }
}
