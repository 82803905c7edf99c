package dev.rdal;

import java.util.Objects;

/**
 * Options of one read: the {@link ByteRange}, the {@link RangePolicy}, and ETag preconditions.
 *
 * @param range the bytes wanted; {@link ByteRange#all()} by default
 * @param policy what to do with a range the object cannot fully serve; {@link RangePolicy#STRICT} by default
 * @param ifMatch read only if the object's ETag equals this (else {@link ErrorKind#CONDITION_NOT_MET}); may be null
 * @param ifNoneMatch read only if the object's ETag differs from this (else {@link ErrorKind#CONDITION_NOT_MET}); may be null
 */
public record ReadOptions(ByteRange range, RangePolicy policy, String ifMatch, String ifNoneMatch) {

  private static final ReadOptions DEFAULTS = new ReadOptions(ByteRange.all(), RangePolicy.STRICT, null, null);

  public ReadOptions {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(policy, "policy");
  }

  /** The whole object, strict, unconditional. */
  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  /** The given range under the strict policy. */
  public static ReadOptions range(ByteRange range) {
    return DEFAULTS.withRange(range);
  }

  public ReadOptions withRange(ByteRange range) {
    return new ReadOptions(range, policy, ifMatch, ifNoneMatch);
  }

  public ReadOptions withPolicy(RangePolicy policy) {
    return new ReadOptions(range, policy, ifMatch, ifNoneMatch);
  }

  public ReadOptions withIfMatch(String etag) {
    return new ReadOptions(range, policy, etag, ifNoneMatch);
  }

  public ReadOptions withIfNoneMatch(String etag) {
    return new ReadOptions(range, policy, ifMatch, etag);
  }

  /** Whether this read carries an ETag precondition. */
  public boolean isConditional() {
    return ifMatch != null || ifNoneMatch != null;
  }
}
