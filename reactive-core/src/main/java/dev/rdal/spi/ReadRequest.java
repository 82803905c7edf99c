package dev.rdal.spi;

import dev.rdal.ByteRange;
import java.util.Objects;

/**
 * What the operator asks of a backend's read: a range and ETag preconditions. The range policy is not
 * here on purpose: backends serve ranges with HTTP semantics ({@link Ranges#serve}) and the operator
 * applies {@link dev.rdal.RangePolicy} once, above every backend.
 *
 * @param range the bytes wanted
 * @param ifMatch the ETag the object must have, or null
 * @param ifNoneMatch an ETag the object must not have, or null
 */
public record ReadRequest(ByteRange range, String ifMatch, String ifNoneMatch) {

  public ReadRequest {
    Objects.requireNonNull(range, "range");
  }

  /** The whole object, unconditionally. */
  public static ReadRequest all() {
    return new ReadRequest(ByteRange.all(), null, null);
  }

  public ReadRequest withRange(ByteRange newRange) {
    return new ReadRequest(newRange, ifMatch, ifNoneMatch);
  }

  public ReadRequest withIfMatch(String etag) {
    return new ReadRequest(range, etag, ifNoneMatch);
  }
}
