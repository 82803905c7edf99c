package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ByteRange;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RangePolicy;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Range reads of a 1000-byte object (and of an empty one) under both {@link RangePolicy}s: the exact
 * bytes, the exact served {@link ContentRange}, and {@code RANGE_NOT_SATISFIABLE} carrying the size.
 */
abstract class RangeCases extends KitCases {

  static final int SIZE = 1000;
  byte[] content;

  RangeCases(BehaviorKit kit) {
    super(kit);
  }

  @BeforeEach
  final void writeObject() {
    require(Capability.RANGE_READ);
    content = bytes(SIZE);
    put(p("r.bin"), content);
  }

  /** Reads {@code range} under {@code policy}, asserting the served range and the exact bytes. */
  void assertServed(ByteRange range, RangePolicy policy, String header, int from, int to) {
    assertServed("r.bin", content, range, policy, header, from, to);
  }

  void assertServed(String name, byte[] object, ByteRange range, RangePolicy policy, String header, int from,
      int to) {
    ReadResult r = readWithMeta(p(name), ReadOptions.range(range).withPolicy(policy));
    byte[] body = r.bodyBytes().block(TIMEOUT);
    assertThat(r.contentRange().toHeader()).as("served range of %s under %s", range, policy).isEqualTo(header);
    assertThat(r.contentRange().length()).isEqualTo(to - from);
    assertThat(r.meta().size()).isEqualTo(object.length);
    assertThat(body).as("bytes of %s under %s", range, policy).isEqualTo(slice(object, from, to));
  }

  void assertNotSatisfiable(ByteRange range, long size) {
    assertNotSatisfiable("r.bin", range, size);
  }

  void assertNotSatisfiable(String name, ByteRange range, long size) {
    RdalException e = assertFails(op().read(p(name), ReadOptions.range(range).withPolicy(RangePolicy.STRICT)),
        ErrorKind.RANGE_NOT_SATISFIABLE);
    assertThat(e.objectSize()).as("the error carries the object size").hasValue(size);
  }

  // ---------------------------------------------------------------- STRICT

  @Test
  @DisplayName("STRICT: a range inside the object")
  void strictInside() {
    assertServed(ByteRange.of(100, 200), RangePolicy.STRICT, "bytes 100-299/1000", 100, 300);
  }

  @Test
  @DisplayName("STRICT: a range ending exactly at the end")
  void strictEndingAtEnd() {
    assertServed(ByteRange.of(900, 100), RangePolicy.STRICT, "bytes 900-999/1000", 900, 1000);
  }

  @Test
  @DisplayName("STRICT: the last byte alone")
  void strictLastByte() {
    assertServed(ByteRange.of(999, 1), RangePolicy.STRICT, "bytes 999-999/1000", 999, 1000);
  }

  @Test
  @DisplayName("STRICT: the first byte alone")
  void strictFirstByte() {
    assertServed(ByteRange.of(0, 1), RangePolicy.STRICT, "bytes 0-0/1000", 0, 1);
  }

  @Test
  @DisplayName("STRICT: from an offset to the end")
  void strictFromOffset() {
    assertServed(ByteRange.from(990), RangePolicy.STRICT, "bytes 990-999/1000", 990, 1000);
  }

  @Test
  @DisplayName("STRICT: from offset 0 is the whole object")
  void strictFromZero() {
    assertServed(ByteRange.from(0), RangePolicy.STRICT, "bytes 0-999/1000", 0, 1000);
  }

  @Test
  @DisplayName("STRICT: a range partly past the end is RANGE_NOT_SATISFIABLE with the size")
  void strictPartlyPastEnd() {
    assertNotSatisfiable(ByteRange.of(900, 200), SIZE);
  }

  @Test
  @DisplayName("STRICT: a range wholly past the end is RANGE_NOT_SATISFIABLE with the size")
  void strictWhollyPastEnd() {
    assertNotSatisfiable(ByteRange.of(2000, 10), SIZE);
  }

  @Test
  @DisplayName("STRICT: a range starting exactly at the end is RANGE_NOT_SATISFIABLE")
  void strictStartingAtEnd() {
    assertNotSatisfiable(ByteRange.of(1000, 1), SIZE);
  }

  @Test
  @DisplayName("STRICT: an open range starting at the end is RANGE_NOT_SATISFIABLE")
  void strictOpenAtEnd() {
    assertNotSatisfiable(ByteRange.from(1000), SIZE);
  }

  @Test
  @DisplayName("STRICT: an open range starting past the end is RANGE_NOT_SATISFIABLE")
  void strictOpenPastEnd() {
    assertNotSatisfiable(ByteRange.from(5000), SIZE);
  }

  @Test
  @DisplayName("STRICT: a suffix inside the object")
  void strictSuffix() {
    assertServed(ByteRange.suffix(100), RangePolicy.STRICT, "bytes 900-999/1000", 900, 1000);
  }

  @Test
  @DisplayName("STRICT: a suffix as long as the object is the whole object")
  void strictSuffixWhole() {
    assertServed(ByteRange.suffix(1000), RangePolicy.STRICT, "bytes 0-999/1000", 0, 1000);
  }

  @Test
  @DisplayName("STRICT: a suffix larger than the object is RANGE_NOT_SATISFIABLE")
  void strictSuffixLarger() {
    assertNotSatisfiable(ByteRange.suffix(2000), SIZE);
  }

  @Test
  @DisplayName("STRICT: a zero-length suffix reads empty, served bytes */1000")
  void strictZeroSuffix() {
    assertServed(ByteRange.suffix(0), RangePolicy.STRICT, "bytes */1000", 0, 0);
  }

  @Test
  @DisplayName("STRICT: a zero-length range inside reads empty")
  void strictZeroLengthInside() {
    assertServed(ByteRange.of(10, 0), RangePolicy.STRICT, "bytes */1000", 0, 0);
  }

  @Test
  @DisplayName("STRICT: a zero-length range at the end reads empty")
  void strictZeroLengthAtEnd() {
    assertServed(ByteRange.of(1000, 0), RangePolicy.STRICT, "bytes */1000", 0, 0);
  }

  @Test
  @DisplayName("STRICT: a zero-length range past the end is RANGE_NOT_SATISFIABLE")
  void strictZeroLengthPastEnd() {
    assertNotSatisfiable(ByteRange.of(1001, 0), SIZE);
  }

  @Test
  @DisplayName("STRICT: the refusal names the range, the path and the operation")
  void strictRefusalHasContext() {
    RdalException e = assertFails(op().read(p("r.bin"), ByteRange.of(2000, 1)), ErrorKind.RANGE_NOT_SATISFIABLE);
    assertThat(e.range()).isEqualTo(ByteRange.of(2000, 1));
    assertThat(e.path()).isEqualTo(p("r.bin"));
    assertThat(e.operation()).isEqualTo("read");
    assertThat(e.backend()).isEqualTo(op().scheme());
    assertThat(e.isTemporary()).isFalse();
  }

  // ---------------------------------------------------------------- CLAMP

  @Test
  @DisplayName("CLAMP: a range inside the object is served as asked")
  void clampInside() {
    assertServed(ByteRange.of(100, 200), RangePolicy.CLAMP, "bytes 100-299/1000", 100, 300);
  }

  @Test
  @DisplayName("CLAMP: a range partly past the end is cut at the end")
  void clampPartlyPastEnd() {
    assertServed(ByteRange.of(900, 200), RangePolicy.CLAMP, "bytes 900-999/1000", 900, 1000);
  }

  @Test
  @DisplayName("CLAMP: a range wholly past the end reads empty, served bytes */1000")
  void clampWhollyPastEnd() {
    assertServed(ByteRange.of(2000, 10), RangePolicy.CLAMP, "bytes */1000", 0, 0);
  }

  @Test
  @DisplayName("CLAMP: a range starting exactly at the end reads empty")
  void clampStartingAtEnd() {
    assertServed(ByteRange.of(1000, 5), RangePolicy.CLAMP, "bytes */1000", 0, 0);
  }

  @Test
  @DisplayName("CLAMP: an open range past the end reads empty")
  void clampOpenPastEnd() {
    assertServed(ByteRange.from(5000), RangePolicy.CLAMP, "bytes */1000", 0, 0);
  }

  @Test
  @DisplayName("CLAMP: a suffix larger than the object is the whole object")
  void clampSuffixLarger() {
    assertServed(ByteRange.suffix(2000), RangePolicy.CLAMP, "bytes 0-999/1000", 0, 1000);
  }

  @Test
  @DisplayName("CLAMP: a zero-length range past the end reads empty")
  void clampZeroLengthPastEnd() {
    assertServed(ByteRange.of(1001, 0), RangePolicy.CLAMP, "bytes */1000", 0, 0);
  }

  @Test
  @DisplayName("CLAMP: a huge length from inside is cut at the end")
  void clampHugeLength() {
    assertServed(ByteRange.of(500, Long.MAX_VALUE - 500), RangePolicy.CLAMP, "bytes 500-999/1000", 500, 1000);
  }

  // ---------------------------------------------------------------- empty object

  @Test
  @DisplayName("empty object, STRICT: a zero-length range at 0 reads empty, served bytes */0")
  void emptyObjectZeroRange() {
    put(p("e"), new byte[0]);
    assertServed("e", new byte[0], ByteRange.of(0, 0), RangePolicy.STRICT, "bytes */0", 0, 0);
  }

  @Test
  @DisplayName("empty object, STRICT: one byte is RANGE_NOT_SATISFIABLE with size 0")
  void emptyObjectStrictByte() {
    put(p("e"), new byte[0]);
    assertNotSatisfiable("e", ByteRange.of(0, 1), 0);
  }

  @Test
  @DisplayName("empty object, CLAMP: a bounded range reads empty")
  void emptyObjectClampRange() {
    put(p("e"), new byte[0]);
    assertServed("e", new byte[0], ByteRange.of(0, 10), RangePolicy.CLAMP, "bytes */0", 0, 0);
  }

  @Test
  @DisplayName("empty object, STRICT: a non-empty suffix is RANGE_NOT_SATISFIABLE")
  void emptyObjectStrictSuffix() {
    put(p("e"), new byte[0]);
    assertNotSatisfiable("e", ByteRange.suffix(5), 0);
  }

  @Test
  @DisplayName("empty object, CLAMP: a suffix reads empty")
  void emptyObjectClampSuffix() {
    put(p("e"), new byte[0]);
    assertServed("e", new byte[0], ByteRange.suffix(5), RangePolicy.CLAMP, "bytes */0", 0, 0);
  }

  // ---------------------------------------------------------------- others

  @Test
  @DisplayName("a range across chunk boundaries of a large object is exact")
  void rangeAcrossChunks() {
    byte[] big = bytes(3 * 1024 * 1024 + 5, 99);
    put(p("big.bin"), big);
    int from = 1024 * 1024 - 3;
    int len = 1024 * 1024 + 10;
    assertServed("big.bin", big, ByteRange.of(from, len), RangePolicy.STRICT,
        "bytes " + from + "-" + (from + len - 1) + "/" + big.length, from, from + len);
  }

  @Test
  @DisplayName("a range of a missing object is NOT_FOUND, under both policies")
  void rangeOfMissing() {
    assertFails(op().read(p("missing"), ByteRange.of(0, 10)), ErrorKind.NOT_FOUND);
    assertFails(op().read(p("missing"), ReadOptions.range(ByteRange.of(5000, 10)).withPolicy(RangePolicy.CLAMP)),
        ErrorKind.NOT_FOUND);
  }

  @Test
  @DisplayName("a range of a directory is IS_A_DIRECTORY")
  void rangeOfDirectory() {
    put(p("d/x"), bytes(3));
    assertFails(op().read(p("d"), ByteRange.of(0, 1)), ErrorKind.IS_A_DIRECTORY);
  }
}
