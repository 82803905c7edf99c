package dev.rdal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link ContentRange#parse(String)}: any string parses to a consistent range or fails with
 * {@link ErrorKind#INVALID_INPUT}, never anything else; well-formed headers round-trip through
 * {@link ContentRange#toHeader()}; malformed and inconsistent ones are refused.
 */
class ContentRangePropertiesTest {

  @Provide
  Arbitrary<String> anyString() {
    Arbitrary<String> alphabet = Arbitraries.strings()
        .withChars("bytesBYTES */-0123456789\t+,.ſ٣")
        .ofMaxLength(40);
    Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(30);
    Arbitrary<String> prefixed = alphabet.map(s -> "bytes " + s);
    Arbitrary<String> lookalikes = Arbitraries.of("byte\u017f 1-2/3", "BYTE\u017f */5", "bytes 1-\u0663/9",
        "bytes\t1-2/3", "bytes 1-2/3/", "bytes 1-2", "bytes -1-2/3", "bytes 1--2/3", "bytes */*");
    return Arbitraries.oneOf(alphabet, unicode, prefixed, lookalikes);
  }

  @Provide
  Arbitrary<Long> number() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 3000),
        Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.longs().between(Long.MAX_VALUE - 3000, Long.MAX_VALUE));
  }

  /** Consistent ranges: first <= last < size, or unknown size, or unsatisfied. */
  @Provide
  Arbitrary<ContentRange> consistent() {
    Arbitrary<ContentRange> known = Combinators.combine(number(), number(), number()).as((a, b, c) -> {
      long[] v = {a, b, c};
      java.util.Arrays.sort(v);
      long size = v[2] == v[1] ? v[2] + (v[2] == Long.MAX_VALUE ? 0 : 1) : v[2];
      long last = Math.min(v[1], size - 1);
      long first = Math.min(v[0], last);
      return last < 0 ? ContentRange.unsatisfied(size) : ContentRange.of(first, last, size);
    });
    Arbitrary<ContentRange> unknown = Combinators.combine(number(), number()).as((a, b) -> {
      long last = Math.min(Math.max(a, b), Long.MAX_VALUE - 1);
      return ContentRange.of(Math.min(Math.min(a, b), last), last, ContentRange.UNKNOWN_SIZE);
    });
    Arbitrary<ContentRange> unsatisfied = number().map(ContentRange::unsatisfied);
    return Arbitraries.oneOf(known, unknown, unsatisfied);
  }

  @Property(tries = 10_000)
  void anyStringParsesConsistentlyOrIsInvalidInput(@ForAll("anyString") String header) {
    ContentRange c;
    try {
      c = ContentRange.parse(header);
    } catch (RdalException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
      return;
    }
    assertConsistent(c);
    assertThat(header).as("only the RFC 9110 grammar is accepted").matches(GRAMMAR);
    assertThat(ContentRange.parse(c.toHeader())).isEqualTo(c);
  }

  /** RFC 9110 Content-Range for bytes (ASCII case-insensitive unit, ASCII digits), with outer whitespace. */
  private static final java.util.regex.Pattern GRAMMAR = java.util.regex.Pattern.compile(
      "[\\x00-\\x20]*(?i:bytes) [\\x00-\\x20]*([0-9]+-[0-9]+/([0-9]+|\\*)|\\*/[0-9]+)[\\x00-\\x20]*",
      java.util.regex.Pattern.DOTALL);

  @Property(tries = 10_000)
  void wellFormedRoundTrips(@ForAll("consistent") ContentRange c) {
    assertConsistent(c);
    String header = c.toHeader();
    assertThat(ContentRange.parse(header)).isEqualTo(c);
    assertThat(ContentRange.parse("  " + header.replace("bytes", "BYTES") + " ")).isEqualTo(c);
    assertThat(c.toString()).isEqualTo(header);
  }

  @Property(tries = 10_000)
  void numericHeadersAreConsistentOrRefused(@ForAll("number") long first, @ForAll("number") long last,
      @ForAll("number") long size, @ForAll boolean sizeKnown) {
    String header = "bytes " + first + "-" + last + "/" + (sizeKnown ? Long.toString(size) : "*");
    boolean consistent = first <= last && (sizeKnown ? last < size : last < Long.MAX_VALUE);
    if (consistent) {
      ContentRange c = ContentRange.parse(header);
      assertThat(c.first()).isEqualTo(first);
      assertThat(c.last()).isEqualTo(last);
      assertThat(c.size()).isEqualTo(sizeKnown ? size : ContentRange.UNKNOWN_SIZE);
      assertThat(c.length()).isEqualTo(last - first + 1);
      assertThat(c.toHeader()).isEqualTo(header);
    } else {
      assertInvalid(header);
    }
  }

  @Property(tries = 10_000)
  void overflowingNumbersAreRefused(@ForAll("number") long a, @ForAll("digits") String extra) {
    String big = new BigInteger(Long.toString(a)).multiply(BigInteger.TEN.pow(extra.length()))
        .add(new BigInteger("0" + extra)).toString();
    if (new BigInteger(big).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
      assertInvalid("bytes 0-" + big + "/*");
      assertInvalid("bytes */" + big);
      assertInvalid("bytes " + big + "-" + big + "/" + big);
    }
  }

  @Provide
  Arbitrary<String> digits() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
  }

  @Property(tries = 10_000)
  void mutatedHeadersAreConsistentOrRefused(@ForAll("consistent") ContentRange c,
      @ForAll("mutationIndex") int index, @ForAll("mutationChar") char ch, @ForAll boolean insert) {
    String h = c.toHeader();
    int i = index % (h.length() + 1);
    String mutated = insert ? h.substring(0, i) + ch + h.substring(i)
        : i < h.length() ? h.substring(0, i) + ch + h.substring(i + 1) : h + ch;
    try {
      assertConsistent(ContentRange.parse(mutated));
    } catch (RdalException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    }
  }

  @Provide
  Arbitrary<Integer> mutationIndex() {
    return Arbitraries.integers().between(0, 100);
  }

  @Provide
  Arbitrary<Character> mutationChar() {
    return Arbitraries.oneOf(Arbitraries.of('-', '/', '*', ' ', '0', '9', '+', 'x', '\u0663', '\u017f'),
        Arbitraries.chars());
  }

  @Property(tries = 10_000)
  void ofIsConsistentOrInvalidInput(@ForAll("signed") long first, @ForAll("signed") long last,
      @ForAll("signed") long size) {
    try {
      assertConsistent(ContentRange.of(first, last, size));
    } catch (RdalException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    }
  }

  @Provide
  Arbitrary<Long> signed() {
    return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-2, 5),
        Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1));
  }

  private static void assertConsistent(ContentRange c) {
    if (c.isUnsatisfied()) {
      assertThat(c.first()).isEqualTo(-1);
      assertThat(c.last()).isEqualTo(-1);
      assertThat(c.length()).isZero();
      assertThat(c.isSizeKnown()).isTrue();
      assertThat(c.size()).isNotNegative();
      return;
    }
    assertThat(c.first()).isNotNegative();
    assertThat(c.last()).isGreaterThanOrEqualTo(c.first());
    assertThat(c.length()).isPositive().isEqualTo(c.last() - c.first() + 1);
    if (c.isSizeKnown()) {
      assertThat(c.last()).isLessThan(c.size());
    } else {
      assertThat(c.size()).isEqualTo(ContentRange.UNKNOWN_SIZE);
    }
  }

  private static void assertInvalid(String header) {
    try {
      ContentRange c = ContentRange.parse(header);
      throw new AssertionError("'" + header + "' parsed as " + c);
    } catch (RdalException e) {
      assertThat(e.kind()).as("kind for '%s'", header).isEqualTo(ErrorKind.INVALID_INPUT);
    }
  }
}
