package dev.rdal;

import java.util.Objects;

/**
 * Options of one read: the {@link ByteRange}, the {@link RangePolicy}, ETag preconditions, and who owns
 * the emitted buffers.
 *
 * <p><b>Buffer ownership.</b> By default every emitted {@link java.nio.ByteBuffer} belongs to the
 * subscriber, which may keep it for as long as it likes. With {@link #withLentBuffers(boolean)
 * lentBuffers} the subscriber accepts <em>lent</em> buffers instead, the fast path of backends that
 * recycle their read buffers (fs): a lent buffer is valid only until the subscriber's {@code onNext}
 * returns; after that the backend reads the next chunk into it. The subscriber must consume it inside
 * {@code onNext} (parse it, hash it, write it somewhere, or {@link Buffers#copy(java.nio.ByteBuffer) copy}
 * what it wants to keep) and must not hand it across a thread hop ({@code publishOn}, a queue, a
 * {@code flatMap} with prefetch, {@code collectList}) without copying. A backend that cannot lend
 * ignores the flag and emits owned buffers, which are always valid lent buffers too. The fix for a
 * stream that keeps lent buffers is {@code .map(Buffers::copy)} before the hop.
 *
 * <p><b>Paranoid mode.</b> With {@code -Drdal.buffers.paranoid=true} (off by default; on in rdal's own
 * test runs) a backend that lends fills each lent buffer with the repeated bytes {@code DE AD BE EF} once
 * its {@code onNext} has returned, so a buffer kept too long shows obviously wrong bytes at once (see
 * {@link dev.rdal.spi.LentBuffers}).
 *
 * @param range the bytes wanted; {@link ByteRange#all()} by default
 * @param policy what to do with a range the object cannot fully serve; {@link RangePolicy#STRICT} by default
 * @param ifMatch read only if the object's ETag equals this (else {@link ErrorKind#CONDITION_NOT_MET}); may be null
 * @param ifNoneMatch read only if the object's ETag differs from this (else {@link ErrorKind#CONDITION_NOT_MET}); may be null
 * @param lentBuffers whether the subscriber accepts lent buffers, valid only until its {@code onNext}
 *     returns (see above); false by default
 */
public record ReadOptions(ByteRange range, RangePolicy policy, String ifMatch, String ifNoneMatch, boolean lentBuffers) {

  private static final ReadOptions DEFAULTS = new ReadOptions(ByteRange.all(), RangePolicy.STRICT, null, null, false);

  /**
   * Checks that range and policy are given.
   * @param range the bytes wanted
   * @param policy what to do with a range the object cannot fully serve
   * @param ifMatch the ETag the object must have; may be null
   * @param ifNoneMatch an ETag the object must not have; may be null
   * @param lentBuffers whether the subscriber accepts lent buffers
   */
  public ReadOptions {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(policy, "policy");
  }

  /**
   * Options whose buffers belong to the subscriber.
   *
   * @param range the bytes wanted
   * @param policy what to do with a range the object cannot fully serve
   * @param ifMatch the ETag the object must have; may be null
   * @param ifNoneMatch an ETag the object must not have; may be null
   */
  public ReadOptions(ByteRange range, RangePolicy policy, String ifMatch, String ifNoneMatch) {
    this(range, policy, ifMatch, ifNoneMatch, false);
  }

  /**
   * The whole object, strict, unconditional.
   *
   * @return the defaults
   */
  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The given range under the strict policy.
   *
   * @param range the bytes wanted
   * @return new options
   */
  public static ReadOptions range(ByteRange range) {
    return DEFAULTS.withRange(range);
  }

  /**
   * These options with another range.
   *
   * @param range the bytes wanted
   * @return new options
   */
  public ReadOptions withRange(ByteRange range) {
    return new ReadOptions(range, policy, ifMatch, ifNoneMatch, lentBuffers);
  }

  /**
   * These options with another range policy.
   *
   * @param policy the policy
   * @return new options
   */
  public ReadOptions withPolicy(RangePolicy policy) {
    return new ReadOptions(range, policy, ifMatch, ifNoneMatch, lentBuffers);
  }

  /**
   * These options reading only if the object's ETag is {@code etag}.
   *
   * @param etag the ETag; null for no condition
   * @return new options
   */
  public ReadOptions withIfMatch(String etag) {
    return new ReadOptions(range, policy, etag, ifNoneMatch, lentBuffers);
  }

  /**
   * These options reading only if the object's ETag is not {@code etag}.
   *
   * @param etag the ETag; null for no condition
   * @return new options
   */
  public ReadOptions withIfNoneMatch(String etag) {
    return new ReadOptions(range, policy, ifMatch, etag, lentBuffers);
  }

  /**
   * These options with lent buffers accepted (true) or not (false). With true, each buffer is valid
   * only until {@code onNext} returns; see the class comment for what the subscriber may do with it.
   *
   * @param lentBuffers true to accept lent buffers
   * @return new options
   */
  public ReadOptions withLentBuffers(boolean lentBuffers) {
    return new ReadOptions(range, policy, ifMatch, ifNoneMatch, lentBuffers);
  }

  /**
   * Whether this read carries an ETag precondition.
   *
   * @return true when {@code ifMatch} or {@code ifNoneMatch} is set
   */
  public boolean isConditional() {
    return ifMatch != null || ifNoneMatch != null;
  }
}
