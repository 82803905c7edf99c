package dev.rdal.spi;

import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RangePolicy;
import dev.rdal.RdalException;

/**
 * Range arithmetic shared by every backend and by the operator, so that a range means the same bytes
 * everywhere.
 *
 * <p>{@link #serve} is what an HTTP store (RFC 9110) answers and what backends that know an object's
 * size must answer too: a range whose first byte exists is served, truncated at the end; one whose first
 * byte does not exist is {@link ErrorKind#RANGE_NOT_SATISFIABLE}. {@link #resolve} is what the caller
 * gets under a {@link RangePolicy}; the operator compares the two.
 */
public final class Ranges {

  private Ranges() {}

  /**
   * The bytes a store of {@code size} bytes serves for {@code range}, with HTTP semantics; empty ranges
   * ({@code of(o, 0)} with {@code o <= size}, {@code suffix(0)}, and the whole of an empty object) are
   * served as {@link ContentRange#unsatisfied(long)}.
   *
   * @throws RdalException {@link ErrorKind#RANGE_NOT_SATISFIABLE} with the object size when nothing of
   *     the range exists
   * @param range the range asked for
   * @param size the object's size
   * @return the range served
   */
  public static ContentRange serve(ByteRange range, long size) {
    if (range.isAll()) {
      return ContentRange.whole(size);
    }
    if (range.isSuffix()) {
      long n = range.length();
      if (n == 0) return ContentRange.unsatisfied(size);
      if (size == 0) throw notSatisfiable(range, size);
      return ContentRange.of(Math.max(0, size - n), size - 1, size);
    }
    long offset = range.offset();
    if (range.length() == 0) {
      if (offset > size) throw notSatisfiable(range, size);
      return ContentRange.unsatisfied(size);
    }
    if (offset >= size) {
      throw notSatisfiable(range, size);
    }
    long end = range.length() < 0 ? size : Math.min(size, offset + range.length());
    return ContentRange.of(offset, end - 1, size);
  }

  /**
   * The bytes a caller gets for {@code range} of an object of {@code size} bytes under {@code policy}.
   *
   * @throws RdalException {@link ErrorKind#RANGE_NOT_SATISFIABLE} with the size, under
   *     {@link RangePolicy#STRICT}, when a requested byte does not exist
   * @param range the range asked for
   * @param size the object's size
   * @param policy what to do with bytes that do not exist
   * @return the range served
   */
  public static ContentRange resolve(ByteRange range, long size, RangePolicy policy) {
    if (policy == RangePolicy.STRICT && !strictlySatisfiable(range, size)) {
      throw notSatisfiable(range, size);
    }
    return clamp(range, size);
  }

  /**
   * The intersection of {@code range} with an object of {@code size} bytes; never fails.
   *
   * @param range the range asked for
   * @param size the object's size
   * @return the range cut to the object
   */
  public static ContentRange clamp(ByteRange range, long size) {
    if (range.isAll()) {
      return ContentRange.whole(size);
    }
    if (range.isSuffix()) {
      long n = Math.min(range.length(), size);
      return n == 0 ? ContentRange.unsatisfied(size) : ContentRange.of(size - n, size - 1, size);
    }
    long offset = range.offset();
    if (offset >= size || range.length() == 0) {
      return ContentRange.unsatisfied(size);
    }
    long end = range.length() < 0 ? size : Math.min(size, offset + range.length());
    return ContentRange.of(offset, end - 1, size);
  }

  /**
   * Whether every byte {@code range} names exists in an object of {@code size} bytes.
   *
   * @param range the range asked for
   * @param size the object's size
   * @return true when every byte asked for exists
   */
  public static boolean strictlySatisfiable(ByteRange range, long size) {
    if (range.isAll()) return true;
    if (range.isSuffix()) return range.length() <= size;
    if (range.length() < 0) return range.offset() < size;
    return range.offset() + range.length() <= size;
  }

  /**
   * The range covering {@code served} as a request (for a retry with a clamped range).
   *
   * @param served a served range
   * @return the range that asks for exactly those bytes
   */
  public static ByteRange toRequest(ContentRange served) {
    if (served.isUnsatisfied()) {
      return ByteRange.of(0, 0);
    }
    return ByteRange.of(served.first(), served.length());
  }

  /**
   * A {@link ErrorKind#RANGE_NOT_SATISFIABLE} error that carries the object size.
   *
   * @param range the range asked for
   * @param size the object's size
   * @return the error, to signal
   */
  public static RdalException notSatisfiable(ByteRange range, long size) {
    return RdalException.builder(ErrorKind.RANGE_NOT_SATISFIABLE,
            "range " + range + " cannot be served from an object of " + size
                + " bytes; use RangePolicy.CLAMP to get what exists")
        .range(range).objectSize(size).build();
  }
}
