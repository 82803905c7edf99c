package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Path rules: normalisation of {@code //}, {@code ./} and {@code ..}; refusal of escapes, NUL and empty
 * paths with typed errors; names with special and non-ASCII characters stored and listed as given.
 */
abstract class PathCases extends KitCases {

  /** Names that must survive a write, read, stat and listing unchanged. */
  static final List<String> SPECIAL_NAMES = List.of(
      "with space", "two  spaces ", "a+b=c&d", "100%", "%20not-encoded", "hash#tag", "q?x=1", "semi;colon",
      "colon:name", "at@sign", "dollar$", "comma,name", "bang!", "quote'single", "paren(1)", "brackets[1]",
      "braces{1}", "tilde~", "star*", "caret^", "pipe|", "back\\slash", "tab\tname", "plus+", "equals=",
      "double\"quote", "less<more>", "dash-under_score.dot");

  static final List<String> NON_ASCII_NAMES = List.of(
      "café", "Ωmega", "日本語のファイル", "emoji😀", "e\u0301-combining", "Straße", "ünïcödé", "עברית", "العربية",
      "한국어", "\u00a0nbsp");

  PathCases(BehaviorKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("'..' escaping the root is PERMISSION_DENIED for every operation")
  void escapeIsPermissionDenied() {
    List<RdalException> errors = List.of(
        error(op().read("../outside")),
        error(op().write("../outside", bytes(1))),
        error(op().stat("../outside")),
        error(op().list("../")),
        error(op().delete("../outside")),
        error(op().createDir("../outside/")),
        error(op().exists("..")));
    assertThat(errors).extracting(RdalException::kind).containsOnly(ErrorKind.PERMISSION_DENIED);
  }

  @Test
  @DisplayName("'..' escaping from inside a directory is PERMISSION_DENIED")
  void nestedEscape() {
    assertFails(op().write(dir + "a/../../../x", bytes(1)), ErrorKind.PERMISSION_DENIED);
    assertFails(op().read(dir + "../../x"), ErrorKind.PERMISSION_DENIED);
  }

  @Test
  @DisplayName("'..' that stays inside the root resolves to the named path")
  void dotDotInside() {
    put(dir + "x/../f", bytes(9));
    assertThat(get(p("f"))).hasSize(9);
    assertThat(exists(p("x/"))).isFalse();
    assertThat(stat(dir + "a/b/../../f").path()).isEqualTo(p("f"));
  }

  @Test
  @DisplayName("a path with NUL is INVALID_INPUT for every operation")
  void nulIsInvalid() {
    String bad = p("a\0b");
    List<RdalException> errors = List.of(
        error(op().read(bad)), error(op().write(bad, bytes(1))), error(op().stat(bad)),
        error(op().list(bad)), error(op().delete(bad)), error(op().createDir(bad)));
    assertThat(errors).extracting(RdalException::kind).containsOnly(ErrorKind.INVALID_INPUT);
    assertThat(list(dir, ListOptions.defaults())).isEmpty();
  }

  @Test
  @DisplayName("an empty path is INVALID_INPUT")
  void emptyIsInvalid() {
    assertFails(op().read(""), ErrorKind.INVALID_INPUT);
    assertFails(op().write("", bytes(1)), ErrorKind.INVALID_INPUT);
    assertFails(op().stat(""), ErrorKind.INVALID_INPUT);
  }

  @Test
  @DisplayName("'./a' is 'a'")
  void dotSlash() {
    put("./" + p("a"), bytes(3));
    assertThat(get(p("a"))).hasSize(3);
    assertThat(get("./" + p("a"))).hasSize(3);
  }

  @Test
  @DisplayName("'//a', '/a' and 'a//b' are normalised")
  void doubleSlashes() {
    ObjectMeta m = put("//" + dir + "//sub//a", bytes(4));
    assertThat(m.path()).isEqualTo(p("sub/a"));
    assertThat(get("/" + p("sub/a"))).hasSize(4);
    assertThat(get(dir + "sub/./a")).hasSize(4);
    assertThat(listPaths(dir, ListOptions.defaults())).containsExactly(p("sub/"));
  }

  @Test
  @DisplayName("errors name the normalised path")
  void errorsNameNormalisedPath() {
    RdalException e = assertFails(op().stat("//" + dir + "./missing"), ErrorKind.NOT_FOUND);
    assertThat(e.path()).isEqualTo(p("missing"));
    assertThat(e.operation()).isEqualTo("stat");
    assertThat(e.backend()).isEqualTo(op().scheme());
  }

  @Test
  @DisplayName("names with special characters round-trip through write, read, stat and list")
  void specialCharacters() {
    roundTrip(SPECIAL_NAMES);
  }

  @Test
  @DisplayName("non-ASCII names round-trip through write, read, stat and list")
  void nonAsciiCharacters() {
    roundTrip(NON_ASCII_NAMES);
  }

  @Test
  @DisplayName("directories with special and non-ASCII names list their children")
  void specialDirectoryNames() {
    put(p("dir with space/日本/f#1"), bytes(2));
    assertThat(listPaths(p("dir with space/"), ListOptions.defaults())).containsExactly(p("dir with space/日本/"));
    assertThat(listPaths(p("dir with space/日本/"), ListOptions.defaults()))
        .containsExactly(p("dir with space/日本/f#1"));
  }

  @Test
  @DisplayName("names starting with dots that are not '.' or '..' are ordinary names")
  void dottedNames() {
    roundTrip(List.of(".hidden", "..foo", "...", "a.", "a.."));
  }

  @Test
  @DisplayName("a long non-ASCII name (170 characters, 240 bytes of UTF-8) round-trips")
  void longName() {
    // stays under the 255-byte name limit of common file systems, so every backend can hold it
    roundTrip(List.of("n".repeat(100) + "é".repeat(70)));
  }

  private void roundTrip(List<String> allNames) {
    List<String> names = allNames.stream().filter(kit::canStore).toList();
    for (String refused : allNames.stream().filter(n -> !kit.canStore(n)).toList()) {
      assertFails(op().write(p(refused), bytes(1)), ErrorKind.INVALID_INPUT);
    }
    Flux.fromIterable(names)
        .concatMap(n -> op().write(p(n), n.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .then().block(TIMEOUT);
    for (String n : names) {
      byte[] expected = n.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(get(p(n))).as("content of '%s'", n).isEqualTo(expected);
      ObjectMeta m = stat(p(n));
      assertThat(m.path()).as("stat path of '%s'", n).isEqualTo(p(n));
      assertThat(m.size()).isEqualTo(expected.length);
      assertThat(m.name()).isEqualTo(n);
    }
    assertThat(op().list(dir).map(ObjectMeta::name).collectList().block(TIMEOUT))
        .containsExactlyInAnyOrderElementsOf(names);
  }
}
