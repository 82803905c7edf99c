package dev.rdal;

/**
 * What a read does with a {@link ByteRange} the object cannot fully serve. The same policy means the
 * same thing on every backend; the operator enforces it once, above the backends.
 *
 * <ul>
 *   <li>{@link #STRICT}: every requested byte must exist. A bounded range that ends past the object's
 *       end, an open range that starts at or past the end (unless it starts at 0), or a suffix longer
 *       than the object fails with {@link ErrorKind#RANGE_NOT_SATISFIABLE}, carrying the object's size.
 *   <li>{@link #CLAMP}: the range is intersected with the object; a read whose range lies wholly past
 *       the end completes empty, with a served {@link ContentRange} of {@code bytes *}{@code /size}.
 * </ul>
 *
 * <p>Either way the served {@link ContentRange} says exactly which bytes came back.
 */
public enum RangePolicy {
  /**
   * A byte asked for that does not exist fails the read.
   */
  STRICT,
  /**
   * The range is cut to what exists.
   */
  CLAMP
}
