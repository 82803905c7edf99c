package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/** Listings: path order (the same as the memory backend's), recursion, start-after, limit, laziness. */
class FsListTest {

  /** Names chosen so that per-name order and full-path order differ ('-' and '.' sort before '/'). */
  private static final List<String> FILES = List.of(
      "a", "a-b", "a.txt", "a0", "b/x", "b/y/z", "b-c/q", "b/y-1", "b/y.2/w", "c/d/e/f", "c/d-e", "zz/.hidden");

  @TempDir
  Path root;

  private Operator fs;
  private Operator memory;

  @BeforeEach
  void open() {
    fs = FsTestSupport.operator(root, ExecutionPolicy.global());
    memory = Operator.of("memory:");
    for (String f : FILES) {
      fs.write(f, f.getBytes()).block(TIMEOUT);
      memory.write(f, f.getBytes()).block(TIMEOUT);
    }
    fs.createDir("empty/").block(TIMEOUT);
    memory.createDir("empty/").block(TIMEOUT);
  }

  @AfterEach
  void close() {
    fs.close();
    memory.close();
  }

  private static List<String> paths(Operator op, String dir, ListOptions o) {
    return op.list(dir, o).map(ObjectMeta::path).collectList().block(TIMEOUT);
  }

  static Stream<ListOptions> options() {
    return Stream.of(
        ListOptions.defaults(),
        ListOptions.recursively(),
        ListOptions.recursively().withStartAfter("b/y"),
        ListOptions.recursively().withStartAfter("b/"),
        ListOptions.recursively().withStartAfter("a0"),
        ListOptions.defaults().withStartAfter("a-b"),
        ListOptions.recursively().withLimit(4),
        ListOptions.recursively().withStartAfter("b/y.2/w").withLimit(3));
  }

  @ParameterizedTest
  @MethodSource("options")
  void listsInTheSamePathOrderAsTheMemoryBackend(ListOptions o) {
    for (String dir : new String[] {"/", "b/", "c"}) {
      List<String> expected = paths(memory, dir, o);
      assertThat(paths(fs, dir, o)).as("list %s %s", dir, o).isEqualTo(expected);
    }
  }

  @Test
  void recursiveListingIsSortedAndDirectoriesEndWithSlash() {
    List<String> all = paths(fs, "/", ListOptions.recursively());
    assertThat(all).isSorted();
    assertThat(all).contains("b/", "b/y/", "c/d/e/", "empty/", "zz/.hidden");
    List<ObjectMeta> metas = fs.list("/", ListOptions.recursively()).collectList().block(TIMEOUT);
    assertThat(metas).allMatch(m -> m.directory() == m.path().endsWith("/"));
    assertThat(metas).filteredOn(m -> m.path().equals("b/x")).singleElement()
        .satisfies(m -> {
          assertThat(m.size()).isEqualTo(3);
          assertThat(m.etag()).isNotNull();
          assertThat(m.lastModified()).isNotNull();
        });
  }

  @Test
  void missingDirectoryListsEmptyAndAFileIsNotADirectory() {
    assertThat(paths(fs, "nope/", ListOptions.defaults())).isEmpty();
    StepVerifier.create(fs.list("a"))
        .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.NOT_A_DIRECTORY)).verify(TIMEOUT);
  }

  @Test
  void temporaryFilesOfWritesInFlightAreNotListed() throws Exception {
    Files.write(root.resolve("b").resolve(FsDefaults.TEMP_PREFIX + "123"), new byte[3]);
    assertThat(paths(fs, "/", ListOptions.recursively())).noneMatch(p -> p.contains(FsDefaults.TEMP_PREFIX));
  }

  @Test
  void theWalkReadsEachDirectoryOnlyWhenItGetsThere() {
    List<String> firstTwo = fs.list("/", ListOptions.recursively()).take(2).map(ObjectMeta::path).collectList().block(TIMEOUT);
    assertThat(firstTwo).containsExactly("a", "a-b");
    List<String> seen = new java.util.ArrayList<>();
    fs.list("/", ListOptions.recursively())
        .doOnNext(m -> {
          seen.add(m.path());
          if (m.path().equals("a0")) {
            fs.deleteRecursive("c/").block(TIMEOUT);
          }
        })
        .limitRate(1)
        .blockLast(TIMEOUT);
    // the root's entries were read when the walk started, so 'c/' is still listed; its own entries are
    // read only when the walk enters it, after the delete: none of them is listed
    assertThat(seen).contains("b/x", "c/", "zz/.hidden").noneMatch(p -> p.startsWith("c/") && !p.equals("c/"));
  }
}
