package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.DeleteResult;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.RdalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** delete, batch delete with per-path results, and recursive delete. */
abstract class DeleteCases extends KitCases {

  DeleteCases(BehaviorKit kit) {
    super(kit);
  }

  @BeforeEach
  final void needsDelete() {
    require(Capability.DELETE);
  }

  void delete(String path) {
    op().delete(path).block(TIMEOUT);
  }

  @Test
  @DisplayName("deleting a file removes it")
  void deleteFile() {
    put(p("f"), bytes(3));
    delete(p("f"));
    assertThat(exists(p("f"))).isFalse();
    assertFails(op().read(p("f")), ErrorKind.NOT_FOUND);
  }

  @Test
  @DisplayName("deleting a file keeps its siblings")
  void deleteKeepsSiblings() {
    put(p("f"), bytes(3));
    put(p("g"), bytes(4));
    delete(p("f"));
    assertThat(get(p("g"))).hasSize(4);
  }

  @Test
  @DisplayName("deleting a missing path succeeds, twice")
  void deleteMissing() {
    delete(p("missing"));
    delete(p("missing"));
    assertThat(exists(p("missing"))).isFalse();
  }

  @Test
  @DisplayName("deleting below a missing parent succeeds")
  void deleteMissingParent() {
    delete(p("no/such/parent/f"));
  }

  @Test
  @DisplayName("deleting an empty directory removes it")
  void deleteEmptyDirectory() {
    mkdir(p("d/"));
    delete(p("d/"));
    assertThat(exists(p("d/"))).isFalse();
  }

  @Test
  @DisplayName("deleting a non-empty directory is INVALID_INPUT and deletes nothing")
  void deleteNonEmptyDirectory() {
    put(p("d/f"), bytes(3));
    assertFails(op().delete(p("d/")), ErrorKind.INVALID_INPUT);
    assertThat(get(p("d/f"))).hasSize(3);
  }

  @Test
  @DisplayName("deleting the root is INVALID_INPUT")
  void deleteRoot() {
    assertFails(op().delete("/"), ErrorKind.INVALID_INPUT);
    assertFails(op().delete("."), ErrorKind.INVALID_INPUT);
  }

  @Test
  @DisplayName("batch delete gives one result per path: ok for present and missing, typed errors for bad paths")
  void batchDelete() {
    put(p("one"), bytes(1));
    put(p("two"), bytes(2));
    String nul = p("bad\0name");
    List<String> paths = List.of(p("one"), "/" + p("two"), p("missing"), "", nul, "../escape", "/");
    Map<String, DeleteResult> results = op().deleteAll(Flux.fromIterable(paths))
        .collectMap(DeleteResult::path, Function.identity())
        .block(TIMEOUT);
    assertThat(results).hasSize(paths.size());
    assertThat(results.get(p("one")).isOk()).isTrue();
    assertThat(results.get(p("two")).isOk()).as("the valid path is reported normalised").isTrue();
    assertThat(results.get(p("missing")).isOk()).isTrue();
    assertThat(results.get("").error().kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(results.get(nul).error().kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(results.get("../escape").error().kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
    assertThat(results.get("/").error().kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(exists(p("one"))).isFalse();
    assertThat(exists(p("two"))).isFalse();
  }

  @Test
  @DisplayName("batch delete of 300 files deletes every one")
  void batchDeleteMany() {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      paths.add(p("many/f" + i));
    }
    Flux.fromIterable(paths).flatMap(x -> op().write(x, new byte[] {1}), 16).then().block(TIMEOUT);
    List<DeleteResult> results = op().deleteAll(Flux.fromIterable(paths)).collectList().block(TIMEOUT);
    assertThat(results).hasSize(300).allSatisfy(r -> assertThat(r.isOk()).isTrue());
    assertThat(results.stream().map(DeleteResult::path).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(paths);
    assertThat(list(p("many/"), ListOptions.defaults())).isEmpty();
  }

  @Test
  @DisplayName("batch delete of no paths completes empty")
  void batchDeleteEmpty() {
    assertThat(op().deleteAll(Flux.empty()).collectList().block(TIMEOUT)).isEmpty();
  }

  @Test
  @DisplayName("batch delete fails when the path publisher fails")
  void batchDeletePublisherFails() {
    put(p("one"), bytes(1));
    Flux<String> paths = Flux.just(p("one")).concatWith(Flux.error(new IllegalStateException("paths broke")));
    RdalException e = assertFails(op().deleteAll(paths), ErrorKind.UNEXPECTED);
    assertThat(e.getCause()).hasMessage("paths broke");
    assertThat(e.backend()).isEqualTo(op().scheme());
  }

  @Test
  @DisplayName("recursive delete removes a tree and keeps siblings sharing its name prefix")
  void deleteRecursive() {
    require(Capability.LIST_RECURSIVE);
    put(p("t/a"), bytes(1));
    put(p("t/b/c"), bytes(1));
    put(p("t/b/d/e"), bytes(1));
    mkdir(p("t/empty/"));
    put(p("t2/keep"), bytes(1));
    put(p("t-keep"), bytes(1));
    op().deleteRecursive(p("t/")).block(TIMEOUT);
    assertThat(exists(p("t/"))).isFalse();
    assertThat(exists(p("t/b/d/e"))).isFalse();
    assertThat(listPaths(dir, ListOptions.recursively())).containsExactly(p("t-keep"), p("t2/"), p("t2/keep"));
  }

  @Test
  @DisplayName("recursive delete of a directory named without / removes it")
  void deleteRecursiveWithoutSlash() {
    require(Capability.LIST_RECURSIVE);
    put(p("t/a/b"), bytes(1));
    op().deleteRecursive(p("t")).block(TIMEOUT);
    assertThat(exists(p("t/"))).isFalse();
  }

  @Test
  @DisplayName("recursive delete of a missing path succeeds")
  void deleteRecursiveMissing() {
    require(Capability.LIST_RECURSIVE);
    op().deleteRecursive(p("missing/")).block(TIMEOUT);
    op().deleteRecursive(p("missing")).block(TIMEOUT);
  }

  @Test
  @DisplayName("recursive delete of a file removes just that file")
  void deleteRecursiveFile() {
    require(Capability.LIST_RECURSIVE);
    put(p("f"), bytes(1));
    put(p("f2"), bytes(1));
    op().deleteRecursive(p("f")).block(TIMEOUT);
    assertThat(exists(p("f"))).isFalse();
    assertThat(exists(p("f2"))).isTrue();
  }

  @Test
  @DisplayName("recursive delete of a wide tree (500 files in 10 directories)")
  void deleteRecursiveWide() {
    require(Capability.LIST_RECURSIVE);
    Flux.range(0, 500).flatMap(i -> op().write(p("w/d" + (i % 10) + "/f" + i), new byte[] {1}), 16)
        .then().block(TIMEOUT);
    op().deleteRecursive(p("w/")).block(TIMEOUT);
    assertThat(list(p("w/"), ListOptions.recursively())).isEmpty();
    assertThat(exists(p("w/"))).isFalse();
  }
}
