package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** rename of files; directories are refused. */
abstract class RenameCases extends KitCases {

  RenameCases(BehaviorKit kit) {
    super(kit);
  }

  @BeforeEach
  final void needsRename() {
    require(Capability.RENAME);
  }

  void rename(String from, String to) {
    op().rename(from, to).block(TIMEOUT);
  }

  @Test
  @DisplayName("a rename moves the bytes and removes the source")
  void renameFile() {
    byte[] content = bytes(4000);
    put(p("src"), content);
    rename(p("src"), p("dst"));
    assertThat(get(p("dst"))).isEqualTo(content);
    assertThat(exists(p("src"))).isFalse();
  }

  @Test
  @DisplayName("a rename overwrites an existing target")
  void renameOverwrites() {
    byte[] content = bytes(10, 1);
    put(p("src"), content);
    put(p("dst"), bytes(999, 2));
    rename(p("src"), p("dst"));
    assertThat(get(p("dst"))).isEqualTo(content);
    assertThat(exists(p("src"))).isFalse();
  }

  @Test
  @DisplayName("a rename into a missing directory creates it")
  void renameCreatesParents() {
    put(p("src"), bytes(10));
    rename(p("src"), p("x/y/dst"));
    assertThat(get(p("x/y/dst"))).hasSize(10);
    assertThat(exists(p("src"))).isFalse();
  }

  @Test
  @DisplayName("a rename onto itself changes nothing")
  void renameOntoItself() {
    byte[] content = bytes(10);
    put(p("src"), content);
    rename(p("src"), p("src"));
    assertThat(get(p("src"))).isEqualTo(content);
  }

  @Test
  @DisplayName("renaming a missing source is NOT_FOUND")
  void renameMissing() {
    assertFails(op().rename(p("missing"), p("dst")), ErrorKind.NOT_FOUND);
    assertThat(exists(p("dst"))).isFalse();
  }

  @Test
  @DisplayName("renaming a directory path is IS_A_DIRECTORY")
  void renameDirectory() {
    put(p("d/x"), bytes(1));
    assertFails(op().rename(p("d/"), p("e/")), ErrorKind.IS_A_DIRECTORY);
    assertFails(op().rename(p("d"), p("e")), ErrorKind.IS_A_DIRECTORY);
    assertFails(op().rename(p("d"), p("d")), ErrorKind.IS_A_DIRECTORY);
    assertThat(exists(p("d/x"))).isTrue();
  }

  @Test
  @DisplayName("renaming onto an existing directory is IS_A_DIRECTORY and keeps the source")
  void renameOntoDirectory() {
    put(p("src"), bytes(1));
    put(p("d/x"), bytes(1));
    assertFails(op().rename(p("src"), p("d")), ErrorKind.IS_A_DIRECTORY);
    assertThat(exists(p("src"))).isTrue();
  }

  @Test
  @DisplayName("a renamed object is listed under its new name only")
  void renameListing() {
    put(p("src"), bytes(1));
    rename(p("src"), p("dst"));
    assertThat(listPaths(dir, dev.rdal.ListOptions.defaults())).containsExactly(p("dst"));
  }
}
