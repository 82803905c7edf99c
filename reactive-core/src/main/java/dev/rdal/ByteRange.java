package dev.rdal;

/**
 * A requested byte range, validated on creation: one of
 * <ul>
 *   <li>the whole object ({@link #all()}),
 *   <li>{@code length} bytes from {@code offset} ({@link #of(long, long)}),
 *   <li>everything from {@code offset} to the end ({@link #from(long)}),
 *   <li>the last {@code n} bytes ({@link #suffix(long)}).
 * </ul>
 * Negative values and ranges whose end overflows a {@code long} are refused with an
 * {@link ErrorKind#INVALID_INPUT} {@link RdalException}; a wrong range is never silently served.
 * Instances are immutable and compare by value.
 */
public final class ByteRange {

  private static final ByteRange ALL = new ByteRange(0, -1, false);

  private final long offset;
  private final long length;
  private final boolean suffix;

  private ByteRange(long offset, long length, boolean suffix) {
    this.offset = offset;
    this.length = length;
    this.suffix = suffix;
  }

  /**
   * The whole object.
   *
   * @return the range of the whole object
   */
  public static ByteRange all() {
    return ALL;
  }

  /**
   * {@code length} bytes starting at {@code offset}; {@code length} may be 0 (an empty read).
   *
   * @param offset the first byte, at least 0
   * @param length how many bytes, at least 1
   * @return the range
   */
  public static ByteRange of(long offset, long length) {
    if (offset < 0) {
      throw RdalException.invalidInput("range offset must be >= 0, was " + offset);
    }
    if (length < 0) {
      throw RdalException.invalidInput("range length must be >= 0, was " + length);
    }
    if (offset > Long.MAX_VALUE - length) {
      throw RdalException.invalidInput("range end overflows: offset " + offset + " + length " + length);
    }
    return new ByteRange(offset, length, false);
  }

  /**
   * Everything from {@code offset} to the end of the object.
   *
   * @param offset the first byte, at least 0
   * @return the range from {@code offset} to the end
   */
  public static ByteRange from(long offset) {
    if (offset < 0) {
      throw RdalException.invalidInput("range offset must be >= 0, was " + offset);
    }
    return offset == 0 ? ALL : new ByteRange(offset, -1, false);
  }

  /**
   * The last {@code n} bytes of the object ({@code n} may be 0).
   *
   * @param n how many bytes at the end, at least 1
   * @return the suffix range
   */
  public static ByteRange suffix(long n) {
    if (n < 0) {
      throw RdalException.invalidInput("suffix length must be >= 0, was " + n);
    }
    return new ByteRange(0, n, true);
  }

  /**
   * Whether this is the whole object.
   *
   * @return true for the whole object
   */
  public boolean isAll() {
    return this == ALL || (!suffix && offset == 0 && length < 0);
  }

  /**
   * Whether this is a suffix range.
   *
   * @return true for a suffix range
   */
  public boolean isSuffix() {
    return suffix;
  }

  /**
   * Whether this range has an explicit length (bounded ranges and suffixes).
   *
   * @return true when the range has a length
   */
  public boolean isBounded() {
    return length >= 0;
  }

  /**
   * The first byte's offset; 0 for {@link #all()} and meaningless for suffixes.
   *
   * @return the offset
   */
  public long offset() {
    return offset;
  }

  /**
   * The length, or -1 when the range runs to the end; for a suffix, the suffix length.
   *
   * @return the length
   */
  public long length() {
    return length;
  }

  /**
   * The value of an HTTP {@code Range} header for this range ({@code bytes=a-b}, {@code bytes=a-},
   * {@code bytes=-n}), or {@code null} for {@link #all()} and for empty ranges, which HTTP cannot express.
   *
   * @return the header value, such as {@code bytes=0-99}
   */
  public String toHttpHeader() {
    if (isAll()) return null;
    if (suffix) return length == 0 ? null : "bytes=-" + length;
    if (length < 0) return "bytes=" + offset + "-";
    if (length == 0) return null;
    return "bytes=" + offset + "-" + (offset + length - 1);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ByteRange)) return false;
    ByteRange r = (ByteRange) o;
    if (isAll() && r.isAll()) return true;
    return offset == r.offset && length == r.length && suffix == r.suffix;
  }

  @Override
  public int hashCode() {
    return isAll() ? 0 : Long.hashCode(offset) * 31 + Long.hashCode(length) * 7 + (suffix ? 1 : 0);
  }

  @Override
  public String toString() {
    if (isAll()) return "all";
    if (suffix) return "last " + length;
    if (length < 0) return offset + "-";
    return offset + "+" + length;
  }
}
