package dev.rdal.layers;

import dev.rdal.RdalException;
import java.time.Duration;
import java.util.Objects;
import reactor.core.scheduler.Scheduler;

/**
 * How the {@link RetryLayer} retries: exponential backoff with jitter (Reactor's {@code Retry.backoff}),
 * bounded in number and in total time.
 *
 * @param maxRetries retries after the first attempt (0 turns retrying off)
 * @param firstBackoff the delay before the first retry; each next one doubles, up to {@code maxBackoff}
 * @param maxBackoff the longest delay between two attempts
 * @param jitter the random share of each delay, between 0 and 1
 * @param maxElapsed no retry is started once this much time has passed since the first attempt
 * @param listener told of every retry (see {@link MetricsLayer#retryListener()} for a metric)
 * @param scheduler where backoffs of a non-blocking backend wait; null for {@code Schedulers.parallel()}.
 *     A blocking backend always waits on its execution policy's IO scheduler.
 * @param writeReplayBuffer bytes of a write body not marked {@linkplain dev.rdal.WriteOptions#replayableBody()
 *     replayable} that may be held in memory so the write can be retried: such a body is gathered before
 *     the first attempt, and retried if it ends within this many bytes; a longer one is streamed on once
 *     and never retried. 0 (the default) holds nothing and never retries such writes.
 */
public record RetryPolicy(int maxRetries, Duration firstBackoff, Duration maxBackoff, double jitter,
    Duration maxElapsed, RetryListener listener, Scheduler scheduler, long writeReplayBuffer) {

  /** Default retries after the first attempt. */
  public static final int DEFAULT_MAX_RETRIES = 3;
  /** Default delay before the first retry. */
  public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(100);
  /** Default longest delay. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  /** Default share of jitter. */
  public static final double DEFAULT_JITTER = 0.5;
  /** Default bound on the time spent retrying one operation. */
  public static final Duration DEFAULT_MAX_ELAPSED = Duration.ofSeconds(30);

  /**
   * Checks counts, backoffs, jitter and times, and turns a null listener into none.
   *
   * @param maxRetries the most retries
   * @param firstBackoff the delay before the first retry
   * @param maxBackoff the longest delay
   * @param jitter the share of jitter, between 0 and 1
   * @param maxElapsed the bound on the time spent retrying
   * @param listener told of every retry; null for none
   * @param scheduler the timer scheduler; null for Reactor's parallel one
   * @param writeReplayBuffer the most bytes of a write body kept to replay it
   */
  public RetryPolicy {
    if (maxRetries < 0) throw RdalException.invalidInput("maxRetries must be >= 0, was " + maxRetries);
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxElapsed, "maxElapsed");
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw RdalException.invalidInput("backoffs must satisfy 0 <= firstBackoff <= maxBackoff, were "
          + firstBackoff + " and " + maxBackoff);
    }
    if (!(jitter >= 0 && jitter <= 1)) throw RdalException.invalidInput("jitter must be between 0 and 1, was " + jitter);
    if (maxElapsed.isNegative()) throw RdalException.invalidInput("maxElapsed must be >= 0, was " + maxElapsed);
    listener = listener == null ? RetryListener.NONE : listener;
    if (writeReplayBuffer < 0) throw RdalException.invalidInput("writeReplayBuffer must be >= 0, was " + writeReplayBuffer);
  }

  /**
   * 3 retries, 100 ms doubling up to 5 s, jitter 0.5, at most 30 s in all.
   *
   * @return the defaults
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(DEFAULT_MAX_RETRIES, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_JITTER,
        DEFAULT_MAX_ELAPSED, RetryListener.NONE, null, 0);
  }

  /**
   * This policy with another retry count.
   *
   * @param maxRetries the most retries, at least 0
   * @return a new policy
   */
  public RetryPolicy withMaxRetries(int maxRetries) {
    return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, jitter, maxElapsed, listener, scheduler, writeReplayBuffer);
  }

  /**
   * This policy with other backoffs.
   *
   * @param firstBackoff the delay before the first retry
   * @param maxBackoff the longest delay
   * @return a new policy
   */
  public RetryPolicy withBackoff(Duration firstBackoff, Duration maxBackoff) {
    return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, jitter, maxElapsed, listener, scheduler, writeReplayBuffer);
  }

  /**
   * This policy with another share of jitter.
   *
   * @param jitter between 0 and 1
   * @return a new policy
   */
  public RetryPolicy withJitter(double jitter) {
    return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, jitter, maxElapsed, listener, scheduler, writeReplayBuffer);
  }

  /**
   * This policy with another bound on the time spent retrying.
   *
   * @param maxElapsed the bound
   * @return a new policy
   */
  public RetryPolicy withMaxElapsed(Duration maxElapsed) {
    return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, jitter, maxElapsed, listener, scheduler, writeReplayBuffer);
  }

  /**
   * These options with {@code listener} told of every retry, after any listener already set.
   *
   * @param listener told of every retry; null for none
   * @return a new policy
   */
  public RetryPolicy withListener(RetryListener listener) {
    Objects.requireNonNull(listener, "listener");
    RetryListener combined = this.listener == RetryListener.NONE ? listener : this.listener.andThen(listener);
    return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, jitter, maxElapsed, combined, scheduler, writeReplayBuffer);
  }

  /**
   * These options holding up to {@code bytes} of a write body read once, so it can be retried.
   *
   * @param bytes the most bytes of a write body kept to replay it, at least 0
   * @return a new policy
   */
  public RetryPolicy withWriteReplayBuffer(long bytes) {
    return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, jitter, maxElapsed, listener, scheduler, bytes);
  }

  /**
   * This policy with backoffs timed on {@code scheduler}.
   *
   * @param scheduler the timer scheduler; null for Reactor's parallel one
   * @return a new policy
   */
  public RetryPolicy withScheduler(Scheduler scheduler) {
    return new RetryPolicy(maxRetries, firstBackoff, maxBackoff, jitter, maxElapsed, listener, scheduler, writeReplayBuffer);
  }
}
