package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.WriteOptions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** copy of files; directories are refused. */
abstract class CopyCases extends KitCases {

  CopyCases(BehaviorKit kit) {
    super(kit);
  }

  @BeforeEach
  final void needsCopy() {
    require(Capability.COPY);
  }

  ObjectMeta copy(String from, String to) {
    return op().copy(from, to).block(TIMEOUT);
  }

  @Test
  @DisplayName("a copy has the same bytes and leaves the source")
  void copyFile() {
    byte[] content = bytes(5000);
    put(p("src"), content);
    ObjectMeta m = copy(p("src"), p("dst"));
    assertThat(m.path()).isEqualTo(p("dst"));
    assertThat(m.size()).isEqualTo(5000);
    assertThat(m.directory()).isFalse();
    assertThat(get(p("dst"))).isEqualTo(content);
    assertThat(get(p("src"))).isEqualTo(content);
  }

  @Test
  @DisplayName("a copy of a zero-length object is zero-length")
  void copyEmpty() {
    put(p("src"), new byte[0]);
    assertThat(copy(p("src"), p("dst")).size()).isZero();
    assertThat(get(p("dst"))).isEmpty();
  }

  @Test
  @DisplayName("a copy onto itself changes nothing")
  void copyOntoItself() {
    byte[] content = bytes(100);
    put(p("src"), content);
    ObjectMeta m = copy(p("src"), p("src"));
    assertThat(m.size()).isEqualTo(100);
    assertThat(get(p("src"))).isEqualTo(content);
  }

  @Test
  @DisplayName("a copy overwrites an existing target")
  void copyOverwrites() {
    byte[] content = bytes(100, 1);
    put(p("src"), content);
    put(p("dst"), bytes(1000, 2));
    copy(p("src"), p("dst"));
    assertThat(get(p("dst"))).isEqualTo(content);
    assertThat(stat(p("dst")).size()).isEqualTo(100);
  }

  @Test
  @DisplayName("a copy into a missing directory creates it")
  void copyCreatesParents() {
    put(p("src"), bytes(10));
    copy(p("src"), p("new/deep/dst"));
    assertThat(get(p("new/deep/dst"))).hasSize(10);
    assertThat(stat(p("new/")).directory()).isTrue();
  }

  @Test
  @DisplayName("a copy is independent of later changes to the source")
  void copyIsIndependent() {
    byte[] content = bytes(100, 1);
    put(p("src"), content);
    copy(p("src"), p("dst"));
    put(p("src"), bytes(5, 2));
    assertThat(get(p("dst"))).isEqualTo(content);
  }

  @Test
  @DisplayName("copying a missing source is NOT_FOUND")
  void copyMissing() {
    assertFails(op().copy(p("missing"), p("dst")), ErrorKind.NOT_FOUND);
    assertThat(exists(p("dst"))).isFalse();
  }

  @Test
  @DisplayName("copying a directory is IS_A_DIRECTORY")
  void copyDirectory() {
    put(p("d/x"), bytes(1));
    assertFails(op().copy(p("d/"), p("e/")), ErrorKind.IS_A_DIRECTORY);
    assertFails(op().copy(p("d"), p("e")), ErrorKind.IS_A_DIRECTORY);
    assertThat(exists(p("e"))).isFalse();
  }

  @Test
  @DisplayName("copying onto a directory path is IS_A_DIRECTORY")
  void copyOntoDirectory() {
    put(p("src"), bytes(1));
    put(p("d/x"), bytes(1));
    assertFails(op().copy(p("src"), p("d/")), ErrorKind.IS_A_DIRECTORY);
    assertFails(op().copy(p("src"), p("d")), ErrorKind.IS_A_DIRECTORY);
    assertThat(get(p("d/x"))).hasSize(1);
  }

  @Test
  @DisplayName("a copy keeps the content type and user metadata")
  void copyKeepsMetadata() {
    require(Capability.CONTENT_TYPE, Capability.USER_METADATA);
    Map<String, String> meta = Map.of("k", "v");
    put(p("src"), bytes(3), WriteOptions.defaults().withContentType("text/csv").withUserMetadata(meta));
    copy(p("src"), p("dst"));
    ObjectMeta m = stat(p("dst"));
    assertThat(m.contentType()).isEqualTo("text/csv");
    assertThat(m.userMetadata()).isEqualTo(meta);
  }
}
