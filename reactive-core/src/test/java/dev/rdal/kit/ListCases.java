package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Listings: contents, order, directories, start-after, limit, recursion and size. */
abstract class ListCases extends KitCases {

  ListCases(BehaviorKit kit) {
    super(kit);
  }

  @BeforeEach
  final void needsList() {
    require(Capability.LIST);
  }

  /** A small tree: a, b/, b/c, b/d/, b/d/e, f. */
  void tree() {
    put(p("a"), bytes(1));
    put(p("b/c"), bytes(2));
    put(p("b/d/e"), bytes(3));
    put(p("f"), bytes(4));
  }

  @Test
  @DisplayName("an empty directory lists empty")
  void emptyDirectory() {
    mkdir(p("empty/"));
    assertThat(list(p("empty/"), ListOptions.defaults())).isEmpty();
  }

  @Test
  @DisplayName("a missing directory lists empty")
  void missingDirectory() {
    assertThat(list(p("missing/"), ListOptions.defaults())).isEmpty();
    assertThat(list(p("missing/deeper/"), ListOptions.recursively().withRecursive(false))).isEmpty();
  }

  @Test
  @DisplayName("listing a file path is NOT_A_DIRECTORY")
  void filePath() {
    put(p("f"), bytes(1));
    assertFails(op().list(p("f")), ErrorKind.NOT_A_DIRECTORY);
    assertFails(op().list(p("f/")), ErrorKind.NOT_A_DIRECTORY);
  }

  @Test
  @DisplayName("direct children in path order; directories end with / and are marked")
  void directChildren() {
    tree();
    List<ObjectMeta> entries = list(dir, ListOptions.defaults());
    assertThat(entries).extracting(ObjectMeta::path).containsExactly(p("a"), p("b/"), p("f"));
    assertThat(entries).extracting(ObjectMeta::directory).containsExactly(false, true, false);
    assertThat(entries.get(0).size()).isEqualTo(1);
    assertThat(entries.get(2).size()).isEqualTo(4);
  }

  @Test
  @DisplayName("a directory named without / lists the same")
  void directoryWithoutSlash() {
    tree();
    assertThat(listPaths(p("b"), ListOptions.defaults())).containsExactly(p("b/c"), p("b/d/"));
  }

  @Test
  @DisplayName("a directory named with a leading / or ./ lists the same")
  void directoryWithLeadingSlash() {
    tree();
    assertThat(listPaths("/" + p("b/"), ListOptions.defaults())).containsExactly(p("b/c"), p("b/d/"));
    assertThat(listPaths("./" + p("b/"), ListOptions.defaults())).containsExactly(p("b/c"), p("b/d/"));
  }

  @Test
  @DisplayName("the listed directory itself is not an entry")
  void excludesItself() {
    tree();
    assertThat(listPaths(p("b/d/"), ListOptions.defaults())).containsExactly(p("b/d/e"));
  }

  @Test
  @DisplayName("a sibling sharing a name prefix is not listed")
  void siblingPrefix() {
    put(p("b/x"), bytes(1));
    put(p("bb/y"), bytes(1));
    put(p("b-c"), bytes(1));
    assertThat(listPaths(p("b/"), ListOptions.defaults())).containsExactly(p("b/x"));
  }

  @Test
  @DisplayName("the root lists this case's directory")
  void rootListsDirectory() {
    put(p("x"), bytes(1));
    assertThat(op().list("/").filter(m -> m.path().equals(dir)).count().block(TIMEOUT)).isEqualTo(1);
  }

  @Test
  @DisplayName("recursive lists every entry below, in path order")
  void recursive() {
    require(Capability.LIST_RECURSIVE);
    tree();
    assertThat(listPaths(dir, ListOptions.recursively()))
        .containsExactly(p("a"), p("b/"), p("b/c"), p("b/d/"), p("b/d/e"), p("f"));
  }

  @Test
  @DisplayName("recursive order is the order of full paths: 'a-b' before 'a/' and its entries")
  void recursiveOrderAcrossLevels() {
    require(Capability.LIST_RECURSIVE);
    put(p("a/x"), bytes(1));
    put(p("a-b"), bytes(1));
    put(p("a.c"), bytes(1));
    put(p("a0"), bytes(1));
    assertThat(listPaths(dir, ListOptions.recursively()))
        .containsExactly(p("a-b"), p("a.c"), p("a/"), p("a/x"), p("a0"));
    assertThat(listPaths(dir, ListOptions.defaults())).containsExactly(p("a-b"), p("a.c"), p("a/"), p("a0"));
  }

  @Test
  @DisplayName("order is UTF-8 byte order: 'd/！' (U+FF01) and 'd/（x/' before 'd/😀' (U+1F600), start-after too")
  void utf8ByteOrder() {
    requireStoreShows(BehaviorKit.UTF8_LISTING_ORDER);
    put(p("d/😀"), bytes(1));
    put(p("d/！"), bytes(2));
    put(p("d/a"), bytes(3));
    put(p("d/（x/y"), bytes(4));
    assertThat(listPaths(p("d/"), ListOptions.defaults()))
        .containsExactly(p("d/a"), p("d/！"), p("d/（x/"), p("d/😀"));
    assertThat(listPaths(p("d/"), ListOptions.defaults().withStartAfter(p("d/！"))))
        .containsExactly(p("d/（x/"), p("d/😀"));
    assertThat(listPaths(p("d/"), ListOptions.defaults().withStartAfter(p("d/😀")))).isEmpty();
    if (op().capabilities().has(Capability.LIST_RECURSIVE)) {
      assertThat(listPaths(p("d/"), ListOptions.recursively()))
          .containsExactly(p("d/a"), p("d/！"), p("d/（x/"), p("d/（x/y"), p("d/😀"));
      assertThat(listPaths(p("d/"), ListOptions.recursively().withStartAfter(p("d/（x/y"))))
          .containsExactly(p("d/😀"));
    }
  }

  @Test
  @DisplayName("start-after skips entries up to and including the given path")
  void startAfter() {
    tree();
    assertThat(listPaths(dir, ListOptions.defaults().withStartAfter(p("a")))).containsExactly(p("b/"), p("f"));
    assertThat(listPaths(dir, ListOptions.defaults().withStartAfter(p("b/")))).containsExactly(p("f"));
  }

  @Test
  @DisplayName("start-after before the first entry lists all, after the last lists none")
  void startAfterBounds() {
    tree();
    assertThat(listPaths(dir, ListOptions.defaults().withStartAfter(dir + "0"))).hasSize(3);
    assertThat(listPaths(dir, ListOptions.defaults().withStartAfter(p("zzz")))).isEmpty();
  }

  @Test
  @DisplayName("start-after combines with recursive")
  void startAfterRecursive() {
    require(Capability.LIST_RECURSIVE);
    tree();
    assertThat(listPaths(dir, ListOptions.recursively().withStartAfter(p("b/c"))))
        .containsExactly(p("b/d/"), p("b/d/e"), p("f"));
  }

  @Test
  @DisplayName("limit caps the number of entries, keeping the first ones")
  void limit() {
    tree();
    assertThat(listPaths(dir, ListOptions.defaults().withLimit(2))).containsExactly(p("a"), p("b/"));
    assertThat(listPaths(dir, ListOptions.defaults().withLimit(100))).hasSize(3);
  }

  @Test
  @DisplayName("limit combines with recursive and start-after")
  void limitRecursive() {
    require(Capability.LIST_RECURSIVE);
    tree();
    assertThat(listPaths(dir, ListOptions.recursively().withStartAfter(p("a")).withLimit(3)))
        .containsExactly(p("b/"), p("b/c"), p("b/d/"));
  }

  @Test
  @DisplayName("a directory of 1,200 entries (more than one page) lists all of them in order")
  void manyEntries() {
    require(Capability.WRITE);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      expected.add(p(String.format("many/e%05d", i)));
    }
    Flux.fromIterable(expected).flatMap(path -> op().write(path, new byte[] {1}), 16).then().block(TIMEOUT);
    assertThat(listPaths(p("many/"), ListOptions.defaults())).containsExactlyElementsOf(expected);
  }

  @Test
  @DisplayName("start-after in the middle of a large directory continues after it")
  void manyEntriesStartAfter() {
    require(Capability.WRITE);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      expected.add(p(String.format("many/e%05d", i)));
    }
    Flux.fromIterable(expected).flatMap(path -> op().write(path, new byte[0]), 16).then().block(TIMEOUT);
    assertThat(listPaths(p("many/"), ListOptions.defaults().withStartAfter(expected.get(1049))))
        .containsExactlyElementsOf(expected.subList(1050, 1200));
  }

  @Test
  @DisplayName("entries carry sizes and paths relative to the root")
  void entryMetadata() {
    put(p("s/one"), bytes(11));
    put(p("s/two"), bytes(22));
    List<ObjectMeta> entries = list(p("s/"), ListOptions.defaults());
    assertThat(entries).extracting(ObjectMeta::size).containsExactly(11L, 22L);
    assertThat(entries).extracting(ObjectMeta::name).containsExactly("one", "two");
    assertThat(entries).allSatisfy(m -> assertThat(m.path()).doesNotStartWith("/"));
  }

  @Test
  @DisplayName("a listing sees a newly created empty directory")
  void listsEmptySubdirectory() {
    mkdir(p("p/q/"));
    List<ObjectMeta> entries = list(p("p/"), ListOptions.defaults());
    assertThat(entries).extracting(ObjectMeta::path).containsExactly(p("p/q/"));
    assertThat(entries.get(0).directory()).isTrue();
  }
}
