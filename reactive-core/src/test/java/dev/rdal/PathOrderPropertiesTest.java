package dev.rdal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link PathOrder} agrees with comparing the UTF-8 bytes of well-formed strings, unsigned. */
class PathOrderPropertiesTest {

  @Provide
  Arbitrary<String> path() {
    Arbitrary<String> pieces = Arbitraries.of("d/", "a", "-", "/", "é", "！", "（", "\uFFFD", "\uE000", "😀", "𠀀",
        "\uD7FF", "z").list().ofMaxSize(6).map(l -> String.join("", l));
    Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(8)
        .filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
    return Arbitraries.oneOf(pieces, unicode);
  }

  @Property(tries = 5_000)
  void agreesWithUtf8Bytes(@ForAll("path") String a, @ForAll("path") String b) {
    int expected = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    assertThat(Integer.signum(PathOrder.compare(a, b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(expected));
  }

  @Example
  void fullWidthFormsSortBeforeEmoji() {
    assertThat("d/！".compareTo("d/😀")).as("UTF-16 order puts the emoji first").isPositive();
    assertThat(PathOrder.compare("d/！", "d/😀")).isNegative();
    assertThat(List.of("d/😀", "d/！", "d/a", "d-", "d/").stream().sorted(PathOrder.UTF8).toList())
        .containsExactly("d-", "d/", "d/a", "d/！", "d/😀");
    assertThat(PathOrder.isAfter("d/😀", "d/！")).isTrue();
    assertThat(PathOrder.isAfter("d/！", "d/😀")).isFalse();
    assertThat(PathOrder.isAfter("d/！", null)).isTrue();
  }
}
