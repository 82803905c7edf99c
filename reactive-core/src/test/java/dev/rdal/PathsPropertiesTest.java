package dev.rdal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link Paths#normalize(String)}: any string gives a normalised path that satisfies the
 * invariants, or a typed error ({@link ErrorKind#INVALID_INPUT} for empty, NUL and malformed UTF-16,
 * {@link ErrorKind#PERMISSION_DENIED} for escapes), never another exception; normalising is idempotent
 * and agrees with a segment-stack model.
 */
class PathsPropertiesTest {

  @Provide
  Arbitrary<String> path() {
    Arbitrary<String> pieces = Arbitraries.of("/", "/", "/", ".", "..", "a", "b", "é", "😀", "\0", " ", "\\", "x.y",
        "..a", "\uD800", "\uDC00", "%2F", "日本").list().ofMaxSize(14).map(l -> String.join("", l));
    Arbitrary<String> chars = Arbitraries.strings().withChars("/./..ab\0é").ofMaxLength(20);
    Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(20);
    return Arbitraries.oneOf(pieces, chars, unicode);
  }

  @Property(tries = 10_000)
  void normalisedOrTypedError(@ForAll("path") String path) {
    Model expected = model(path);
    String n;
    try {
      n = Paths.normalize(path);
    } catch (RdalException e) {
      assertThat(e.kind()).as("error for %s", printable(path)).isEqualTo(expected.error);
      return;
    }
    assertThat(expected.error).as("%s should have failed", printable(path)).isNull();
    assertThat(n).isEqualTo(expected.normalized);
    assertInvariants(n);
  }

  @Property(tries = 10_000)
  void idempotentAndStableUnderRespelling(@ForAll("path") String path) {
    String n;
    try {
      n = Paths.normalize(path);
    } catch (RdalException e) {
      return;
    }
    assertThat(Paths.normalize(n)).isEqualTo(n);
    assertThat(Paths.normalize("/" + path)).isEqualTo(n);
    assertThat(Paths.normalize("./" + path)).isEqualTo(n);
    assertThat(Paths.normalize(path.replace("/", "//"))).isEqualTo(n);
  }

  @Property(tries = 10_000)
  void helpersKeepPathsNormalised(@ForAll("path") String path) {
    String n;
    try {
      n = Paths.normalize(path);
    } catch (RdalException e) {
      return;
    }
    String parent = Paths.parent(n);
    assertThat(Paths.isDirectory(parent)).isTrue();
    assertThat(Paths.normalize(parent)).isEqualTo(parent);
    assertThat(Paths.ROOT.equals(n) || n.startsWith(Paths.childPrefix(parent))).isTrue();
    assertThat(Paths.normalize(Paths.asDirectory(n))).isEqualTo(Paths.asDirectory(n));
    assertThat(Paths.asFile(Paths.asDirectory(n))).isEqualTo(Paths.asFile(n));
    assertThat(Paths.isDirectory(Paths.asDirectory(n))).isTrue();
  }

  private static void assertInvariants(String n) {
    if (Paths.ROOT.equals(n)) {
      return;
    }
    assertThat(n).isNotEmpty().doesNotStartWith("/").doesNotContain("//").doesNotContain("\0");
    String body = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    for (String segment : body.split("/", -1)) {
      assertThat(segment).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
    }
    assertThat(wellFormedUtf16(n)).isTrue();
  }

  /** What normalising must give: a segment stack, with errors decided before and during the walk. */
  private record Model(String normalized, ErrorKind error) {}

  private static Model model(String path) {
    if (path.isEmpty() || path.indexOf('\0') >= 0 || !wellFormedUtf16(path)) {
      return new Model(null, ErrorKind.INVALID_INPUT);
    }
    Deque<String> stack = new ArrayDeque<>();
    String[] segments = path.split("/", -1);
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".")) continue;
      if (s.equals("..")) {
        if (stack.isEmpty()) return new Model(null, ErrorKind.PERMISSION_DENIED);
        stack.removeLast();
        continue;
      }
      stack.addLast(s);
    }
    if (stack.isEmpty()) return new Model("/", null);
    String last = segments[segments.length - 1];
    boolean dir = last.isEmpty() || last.equals(".") || last.equals("..");
    return new Model(String.join("/", stack) + (dir ? "/" : ""), null);
  }

  private static boolean wellFormedUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.chars().forEach(c -> sb.append(c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return sb.append('"').toString();
  }
}
