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
 * @param lentBuffers whether the body may lend its buffers: each valid only until {@code onNext}
 *     returns, then reused by the backend (see {@link dev.rdal.ReadOptions}). A backend may ignore it
 *     and emit owned buffers. A layer that holds body buffers past {@code onNext} (a queue, a thread hop
 *     with prefetch) must pass the request on with {@link #withLentBuffers(boolean) withLentBuffers(false)}.
 */
public record ReadRequest(ByteRange range, String ifMatch, String ifNoneMatch, boolean lentBuffers) {

  /**
   * Checks that the range is given.
   *
   * @param range the bytes wanted
   * @param ifMatch the ETag the object must have; may be null
   * @param ifNoneMatch an ETag the object must not have; may be null
   * @param lentBuffers whether the body's buffers may be lent
   */
  public ReadRequest {
    Objects.requireNonNull(range, "range");
  }

  /**
   * A request whose body buffers belong to the subscriber.
   *
   * @param range the bytes wanted
   * @param ifMatch the ETag the object must have; may be null
   * @param ifNoneMatch an ETag the object must not have; may be null
   */
  public ReadRequest(ByteRange range, String ifMatch, String ifNoneMatch) {
    this(range, ifMatch, ifNoneMatch, false);
  }

  /**
   * The whole object, unconditionally.
   *
   * @return the request
   */
  public static ReadRequest all() {
    return new ReadRequest(ByteRange.all(), null, null);
  }

  /**
   * This request with another range.
   *
   * @param newRange the bytes wanted
   * @return a new request
   */
  public ReadRequest withRange(ByteRange newRange) {
    return new ReadRequest(newRange, ifMatch, ifNoneMatch, lentBuffers);
  }

  /**
   * This request reading only if the object's ETag is {@code etag}.
   *
   * @param etag the ETag; null for none
   * @return a new request
   */
  public ReadRequest withIfMatch(String etag) {
    return new ReadRequest(range, etag, ifNoneMatch, lentBuffers);
  }

  /**
   * This request with lent body buffers allowed or not.
   *
   * @param lent true to allow lent buffers
   * @return this request or a new one
   */
  public ReadRequest withLentBuffers(boolean lent) {
    return lent == lentBuffers ? this : new ReadRequest(range, ifMatch, ifNoneMatch, lent);
  }
}
