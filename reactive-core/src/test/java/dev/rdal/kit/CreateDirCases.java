package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** createDir: new, nested, existing, and where a file stands. */
abstract class CreateDirCases extends KitCases {

  CreateDirCases(BehaviorKit kit) {
    super(kit);
  }

  @BeforeEach
  final void needsCreateDir() {
    require(Capability.CREATE_DIR);
  }

  @Test
  @DisplayName("a created directory exists and lists empty")
  void createsDirectory() {
    mkdir(p("d/"));
    assertThat(stat(p("d/")).directory()).isTrue();
    assertThat(list(p("d/"), ListOptions.defaults())).isEmpty();
  }

  @Test
  @DisplayName("a directory named without / is created as a directory")
  void createsWithoutSlash() {
    mkdir(p("d"));
    assertThat(stat(p("d/")).directory()).isTrue();
    assertThat(exists(p("d"))).isTrue();
  }

  @Test
  @DisplayName("nested directories are created with their parents")
  void createsParents() {
    mkdir(p("a/b/c/"));
    assertThat(stat(p("a/")).directory()).isTrue();
    assertThat(stat(p("a/b/")).directory()).isTrue();
    assertThat(listPaths(p("a/"), ListOptions.defaults())).containsExactly(p("a/b/"));
  }

  @Test
  @DisplayName("creating an existing directory succeeds and keeps its content")
  void existingDirectory() {
    put(p("d/f"), bytes(3));
    mkdir(p("d/"));
    assertThat(get(p("d/f"))).hasSize(3);
  }

  @Test
  @DisplayName("creating the root succeeds")
  void root() {
    mkdir("/");
    assertThat(stat("/").directory()).isTrue();
  }

  @Test
  @DisplayName("creating a directory where a file stands is NOT_A_DIRECTORY")
  void whereFileStands() {
    put(p("f"), bytes(3));
    assertFails(op().createDir(p("f/")), ErrorKind.NOT_A_DIRECTORY);
    assertThat(get(p("f"))).hasSize(3);
  }

  @Test
  @DisplayName("creating a directory below a file is NOT_A_DIRECTORY")
  void belowFile() {
    put(p("f"), bytes(3));
    assertFails(op().createDir(p("f/sub/")), ErrorKind.NOT_A_DIRECTORY);
  }

  @Test
  @DisplayName("a file can be written into a created directory")
  void writeIntoCreated() {
    mkdir(p("d/"));
    put(p("d/f"), bytes(3));
    assertThat(listPaths(p("d/"), ListOptions.defaults())).containsExactly(p("d/f"));
  }
}
