package dev.rdal;

/**
 * The byte range a read actually served, as in an RFC 9110 {@code Content-Range} header:
 * {@code bytes first-last/size}, {@code bytes first-last/*} (size unknown) or {@code bytes *}{@code /size}
 * (nothing served, an unsatisfied range). Positions are inclusive, as in HTTP.
 *
 * <p>Every read reports one: parsed from the response header for HTTP stores, synthesized from the
 * object's size for the others, so a caller always knows what it got and how big the object is.
 * Instances are immutable and validated: {@code first <= last}, and {@code last < size} when the size is
 * known ({@code last < Long.MAX_VALUE} when it is not, so that {@link #length()} fits a {@code long});
 * {@link #parse(String)} refuses anything else with {@link ErrorKind#INVALID_INPUT}.
 */
public final class ContentRange {

  /** Marks an unknown total size. */
  public static final long UNKNOWN_SIZE = -1;

  private final long first;
  private final long last;
  private final long size;

  private ContentRange(long first, long last, long size) {
    this.first = first;
    this.last = last;
    this.size = size;
  }

  /**
   * Bytes {@code first..last} (inclusive) of an object of {@code size} bytes ({@link #UNKNOWN_SIZE} if unknown).
   *
   * @param first the first byte served
   * @param last the last byte served, inclusive
   * @param size the object's size, or {@link #UNKNOWN_SIZE}
   * @return the range
   */
  public static ContentRange of(long first, long last, long size) {
    if (first < 0 || last < first) {
      throw RdalException.invalidInput("invalid content range " + first + "-" + last);
    }
    if (size != UNKNOWN_SIZE && (size < 0 || last >= size)) {
      throw RdalException.invalidInput("content range " + first + "-" + last + " exceeds size " + size);
    }
    if (last == Long.MAX_VALUE) {
      throw RdalException.invalidInput("content range " + first + "-" + last + " is longer than any object can be");
    }
    return new ContentRange(first, last, size);
  }

  /**
   * Nothing served of an object of {@code size} bytes ({@code bytes *}{@code /size}); also the empty read.
   *
   * @param size the object's size
   * @return the unsatisfied range, {@code bytes *}{@code /size}
   */
  public static ContentRange unsatisfied(long size) {
    if (size < 0) {
      throw RdalException.invalidInput("object size must be >= 0, was " + size);
    }
    return new ContentRange(-1, -1, size);
  }

  /**
   * The whole of an object of {@code size} bytes; {@link #unsatisfied(long)} for an empty object.
   *
   * @param size the object's size
   * @return the range of every byte of the object
   */
  public static ContentRange whole(long size) {
    return size == 0 ? unsatisfied(0) : of(0, size - 1, size);
  }

  /**
   * Parses a {@code Content-Range} header value. Accepts {@code bytes a-b/size}, {@code bytes a-b/*} and
   * {@code bytes *}{@code /size} with optional surrounding whitespace; anything else, including values
   * that overflow or contradict themselves, is an {@link ErrorKind#INVALID_INPUT} error.
   *
   * @param header the header's value
   * @return the range it names
   */
  public static ContentRange parse(String header) {
    if (header == null) {
      throw RdalException.invalidInput("Content-Range header is missing");
    }
    String h = header.trim();
    if (h.length() < 6 || !"bytes ".equals(h.substring(0, 6).toLowerCase(java.util.Locale.ROOT))) {
      throw malformed(header);
    }
    String spec = h.substring(6).trim();
    int slash = spec.indexOf('/');
    if (slash < 0 || spec.indexOf('/', slash + 1) >= 0) {
      throw malformed(header);
    }
    String rangePart = spec.substring(0, slash);
    String sizePart = spec.substring(slash + 1);
    long size = "*".equals(sizePart) ? UNKNOWN_SIZE : parseNumber(sizePart, header);
    if ("*".equals(rangePart)) {
      if (size == UNKNOWN_SIZE) {
        throw malformed(header);
      }
      return unsatisfied(size);
    }
    int dash = rangePart.indexOf('-');
    if (dash <= 0 || dash == rangePart.length() - 1) {
      throw malformed(header);
    }
    long first = parseNumber(rangePart.substring(0, dash), header);
    long last = parseNumber(rangePart.substring(dash + 1), header);
    if (last < first || (size != UNKNOWN_SIZE && last >= size) || last == Long.MAX_VALUE) {
      throw RdalException.invalidInput("inconsistent Content-Range: '" + header + "'");
    }
    return new ContentRange(first, last, size);
  }

  private static long parseNumber(String s, String header) {
    if (s.isEmpty() || s.length() > 19) {
      throw malformed(header);
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw malformed(header);
      }
      int d = c - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw RdalException.invalidInput("Content-Range value overflows: '" + header + "'");
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static RdalException malformed(String header) {
    return RdalException.invalidInput("malformed Content-Range: '" + header + "'");
  }

  /**
   * Whether no bytes were served ({@code bytes *}{@code /size}).
   *
   * @return true when no byte was served
   */
  public boolean isUnsatisfied() {
    return first < 0;
  }

  /**
   * The first served byte, or -1 when nothing was served.
   *
   * @return the first byte
   */
  public long first() {
    return first;
  }

  /**
   * The last served byte (inclusive), or -1 when nothing was served.
   *
   * @return the last byte, inclusive
   */
  public long last() {
    return last;
  }

  /**
   * How many bytes were served.
   *
   * @return the count of bytes served
   */
  public long length() {
    return first < 0 ? 0 : last - first + 1;
  }

  /**
   * The object's total size, or {@link #UNKNOWN_SIZE}.
   *
   * @return the size, or {@link #UNKNOWN_SIZE}
   */
  public long size() {
    return size;
  }

  /**
   * Whether the object's total size is known.
   *
   * @return true when the size is known
   */
  public boolean isSizeKnown() {
    return size != UNKNOWN_SIZE;
  }

  /**
   * The header value, e.g. {@code bytes 0-99/1000}.
   *
   * @return the header value
   */
  public String toHeader() {
    String s = size == UNKNOWN_SIZE ? "*" : Long.toString(size);
    return first < 0 ? "bytes */" + s : "bytes " + first + "-" + last + "/" + s;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ContentRange)) return false;
    ContentRange c = (ContentRange) o;
    return first == c.first && last == c.last && size == c.size;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(first) * 961 + Long.hashCode(last) * 31 + Long.hashCode(size);
  }

  @Override
  public String toString() {
    return toHeader();
  }
}
