package dev.rdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.spi.Ranges;
import java.math.BigInteger;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link ByteRange} and {@link Ranges}: creation from arbitrary longs gives a valid range or
 * an {@link ErrorKind#INVALID_INPUT} error and nothing else; serving, resolving and clamping against
 * arbitrary sizes agree with a plain interval model (in {@link BigInteger}, so nothing overflows), stay
 * inside the object, and STRICT is never looser than CLAMP.
 */
class ByteRangePropertiesTest {

  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Provide
  Arbitrary<Long> anyLong() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-3, 3000),
        Arbitraries.longs().between(Long.MAX_VALUE - 3000, Long.MAX_VALUE),
        Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1));
  }

  @Provide
  Arbitrary<Long> size() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, 2000),
        Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.longs().between(Long.MAX_VALUE - 2000, Long.MAX_VALUE),
        Arbitraries.of(0L, 1L, Long.MAX_VALUE));
  }

  /** Valid ranges of every shape, with values near 0, near the sizes above and near the top of long. */
  @Provide
  Arbitrary<ByteRange> range() {
    Arbitrary<Long> small = Arbitraries.longs().between(0, 2500);
    Arbitrary<Long> any = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Long> value = Arbitraries.oneOf(small, any);
    return Arbitraries.oneOf(
        Arbitraries.just(ByteRange.all()),
        value.map(ByteRange::from),
        value.map(ByteRange::suffix),
        Combinators.combine(value, value).as((o, l) -> l > Long.MAX_VALUE - o ? ByteRange.of(o, Long.MAX_VALUE - o)
            : ByteRange.of(o, l)));
  }

  @Property(tries = 10_000)
  void ofIsValidOrInvalidInput(@ForAll("anyLong") long offset, @ForAll("anyLong") long length) {
    boolean valid = offset >= 0 && length >= 0
        && BigInteger.valueOf(offset).add(BigInteger.valueOf(length)).compareTo(MAX) <= 0;
    if (valid) {
      ByteRange r = ByteRange.of(offset, length);
      assertThat(r.offset()).isEqualTo(offset);
      assertThat(r.length()).isEqualTo(length);
      assertThat(r.isSuffix()).isFalse();
      assertThat(r.isBounded()).isTrue();
      assertThat(r).isEqualTo(ByteRange.of(offset, length)).hasSameHashCodeAs(ByteRange.of(offset, length));
    } else {
      assertInvalid(() -> ByteRange.of(offset, length));
    }
  }

  @Property(tries = 10_000)
  void fromAndSuffixAreValidOrInvalidInput(@ForAll("anyLong") long value) {
    if (value >= 0) {
      ByteRange from = ByteRange.from(value);
      assertThat(from.offset()).isEqualTo(value);
      assertThat(from.isBounded()).isFalse();
      assertThat(from.isAll()).isEqualTo(value == 0);
      ByteRange suffix = ByteRange.suffix(value);
      assertThat(suffix.isSuffix()).isTrue();
      assertThat(suffix.length()).isEqualTo(value);
    } else {
      assertInvalid(() -> ByteRange.from(value));
      assertInvalid(() -> ByteRange.suffix(value));
    }
  }

  @Property(tries = 10_000)
  void httpHeaderMatchesTheModel(@ForAll("range") ByteRange range) {
    String header = range.toHttpHeader();
    if (range.isAll() || (range.isBounded() && range.length() == 0)) {
      assertThat(header).isNull();
    } else if (range.isSuffix()) {
      assertThat(header).isEqualTo("bytes=-" + range.length());
    } else if (!range.isBounded()) {
      assertThat(header).isEqualTo("bytes=" + range.offset() + "-");
    } else {
      assertThat(header).isEqualTo("bytes=" + range.offset() + "-" + (range.offset() + range.length() - 1));
    }
  }

  @Property(tries = 10_000)
  void clampIsTheIntersection(@ForAll("range") ByteRange range, @ForAll("size") long size) {
    ContentRange c = Ranges.clamp(range, size);
    assertInside(c, size);
    assertThat(c).isEqualTo(model(range, size));
  }

  @Property(tries = 10_000)
  void strictIsExactOrRefused(@ForAll("range") ByteRange range, @ForAll("size") long size) {
    boolean satisfiable = strictModel(range, size);
    if (satisfiable) {
      ContentRange strict = Ranges.resolve(range, size, RangePolicy.STRICT);
      assertInside(strict, size);
      assertThat(strict).as("STRICT ⊂ CLAMP").isEqualTo(Ranges.resolve(range, size, RangePolicy.CLAMP));
      assertThat(strict.length()).as("every requested byte is served")
          .isEqualTo(requestedLength(range, size));
    } else {
      assertNotSatisfiable(() -> Ranges.resolve(range, size, RangePolicy.STRICT), size);
    }
    assertThat(Ranges.strictlySatisfiable(range, size)).isEqualTo(satisfiable);
    assertThat(Ranges.resolve(range, size, RangePolicy.CLAMP)).isEqualTo(model(range, size));
  }

  @Property(tries = 10_000)
  void serveFollowsHttp(@ForAll("range") ByteRange range, @ForAll("size") long size) {
    ContentRange clamped = model(range, size);
    if (httpSatisfiable(range, size)) {
      ContentRange served = Ranges.serve(range, size);
      assertInside(served, size);
      assertThat(served).as("what a store serves is what CLAMP asks for").isEqualTo(clamped);
    } else {
      assertNotSatisfiable(() -> Ranges.serve(range, size), size);
      assertThat(clamped.isUnsatisfied()).as("HTTP refuses only ranges with nothing in them").isTrue();
    }
  }

  @Property(tries = 10_000)
  void toRequestCoversTheServedRange(@ForAll("range") ByteRange range, @ForAll("size") long size) {
    ContentRange clamped = Ranges.clamp(range, size);
    ByteRange again = Ranges.toRequest(clamped);
    assertThat(Ranges.resolve(again, size, RangePolicy.STRICT)).isEqualTo(clamped);
  }

  // ---------------------------------------------------------------- the model

  /** The requested interval [lo, hi) in BigInteger; hi is null when open-ended. */
  private static BigInteger[] interval(ByteRange r, long size) {
    BigInteger s = BigInteger.valueOf(size);
    if (r.isAll()) return new BigInteger[] {BigInteger.ZERO, null};
    if (r.isSuffix()) return new BigInteger[] {s.subtract(BigInteger.valueOf(r.length())).max(BigInteger.ZERO), s};
    BigInteger lo = BigInteger.valueOf(r.offset());
    return new BigInteger[] {lo, r.isBounded() ? lo.add(BigInteger.valueOf(r.length())) : null};
  }

  private static ContentRange model(ByteRange r, long size) {
    BigInteger s = BigInteger.valueOf(size);
    BigInteger[] i = interval(r, size);
    BigInteger lo = i[0];
    BigInteger hi = i[1] == null ? s : i[1].min(s);
    if (lo.compareTo(hi) >= 0) {
      return ContentRange.unsatisfied(size);
    }
    return ContentRange.of(lo.longValueExact(), hi.longValueExact() - 1, size);
  }

  private static boolean strictModel(ByteRange r, long size) {
    if (r.isAll()) return true;
    if (r.isSuffix()) return r.length() <= size;
    if (!r.isBounded()) return r.offset() < size;
    return BigInteger.valueOf(r.offset()).add(BigInteger.valueOf(r.length())).compareTo(BigInteger.valueOf(size)) <= 0;
  }

  private static long requestedLength(ByteRange r, long size) {
    if (r.isAll()) return size;
    if (r.isSuffix()) return r.length();
    if (!r.isBounded()) return size - r.offset();
    return r.length();
  }

  /** RFC 9110: served when its first byte exists; an empty request is served empty when it starts inside. */
  private static boolean httpSatisfiable(ByteRange r, long size) {
    if (r.isAll()) return true;
    if (r.isSuffix()) return r.length() == 0 || size > 0;
    if (r.isBounded() && r.length() == 0) return r.offset() <= size;
    return r.offset() < size;
  }

  private static void assertInside(ContentRange c, long size) {
    assertThat(c.size()).isEqualTo(size);
    if (!c.isUnsatisfied()) {
      assertThat(c.first()).isBetween(0L, c.last());
      assertThat(c.last()).isLessThan(size);
      assertThat(c.length()).isPositive();
    } else {
      assertThat(c.length()).isZero();
    }
  }

  private static void assertInvalid(Supplier<?> call) {
    assertThatThrownBy(call::get).isInstanceOfSatisfying(RdalException.class,
        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  private static void assertNotSatisfiable(Supplier<?> call, long size) {
    assertThatThrownBy(call::get).isInstanceOfSatisfying(RdalException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.RANGE_NOT_SATISFIABLE);
      assertThat(e.objectSize()).hasValue(size);
    });
  }
}
