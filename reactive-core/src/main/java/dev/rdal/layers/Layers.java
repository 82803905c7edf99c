package dev.rdal.layers;

import java.time.Duration;

/**
 * The layers rdal ships, each written once for every backend. Add them to an operator with
 * {@link dev.rdal.Operator.Builder#layer}; the first added is the outermost:
 *
 * <pre>{@code
 * MetricsLayer metrics = new MetricsLayer(registry);            // needs micrometer-core
 * Operator op = Operator.builder("s3").config(...)
 *     .layer(metrics)                                             // calls as the caller sees them
 *     .layer(Layers.logging())                                    // one line per call
 *     .layer(Layers.concurrencyLimit(64))                         // a retrying call keeps its place
 *     .layer(Layers.retry(RetryPolicy.defaults().withListener(metrics.retryListener())))
 *     .layer(Layers.timeout(Duration.ofSeconds(30), Duration.ofSeconds(10)))  // per attempt
 *     .layer(Layers.throttle(50L << 20))                          // bytes that really move
 *     .build();
 * }</pre>
 *
 * <h2>Order, outermost first, and why</h2>
 * <ol>
 *   <li><b>Execution policy</b> — always outermost, put there by the operator: it decides the threads
 *       every layer below runs on, and hands chunks to user code off the client's threads.
 *   <li><b>Metrics</b> and <b>logging</b> — outside retry they report calls as the caller sees them (a
 *       call retried twice is one sample, its duration includes the backoffs; retries are counted through
 *       {@link MetricsLayer#retryListener()}). Put them inside retry to report every attempt instead.
 *   <li><b>Concurrency limit</b> — outside retry, so a call holds one permit through its retries and a
 *       failing store is not hit by more than N calls at once; inside, backoffs would free permits.
 *   <li><b>Retry</b> — outside timeout, so a timed-out attempt is retried (and a stalled body resumed).
 *   <li><b>Timeout</b> — bounds each attempt; put it outside retry to bound the whole call instead.
 *   <li><b>Throttle</b> — close to the backend, so it paces bytes that really move (retried bytes
 *       included).
 *   <li><b>Fault injection</b> — innermost, standing in for a misbehaving store.
 * </ol>
 *
 * <p>Every layer passes capabilities through unchanged. Layers that keep state per operator (the
 * concurrency limit's permits, the throttle's bucket, the fault injector's random generator) make it in
 * {@link dev.rdal.spi.Layer#wrap}, so one layer instance given to two operators limits each on its own.
 *
 * <p>Micrometer is an optional dependency: only {@link MetricsLayer} needs it on the class path, so this
 * facade has no factory for it (no signature here names a Micrometer type, and reflecting on this class
 * works without Micrometer); make one with {@code new MetricsLayer(registry)}.
 */
public final class Layers {

  private Layers() {}

  /**
   * Retries temporary failures with {@link RetryPolicy#defaults()}.
   *
   * @return a retry layer
   */
  public static RetryLayer retry() {
    return new RetryLayer(RetryPolicy.defaults());
  }

  /**
   * Retries temporary failures as {@code policy} says.
   *
   * @param policy the retry policy
   * @return a retry layer
   */
  public static RetryLayer retry(RetryPolicy policy) {
    return new RetryLayer(policy);
  }

  /**
   * A deadline per operation and an idle timeout between chunks; either may be null for none.
   *
   * @param deadline the deadline of one operation; null for none
   * @param idle the longest wait between chunks; null for none
   * @return a timeout layer
   */
  public static TimeoutLayer timeout(Duration deadline, Duration idle) {
    return new TimeoutLayer(deadline, idle);
  }

  /**
   * SLF4J lines for every operation, to {@value LoggingLayer#DEFAULT_LOGGER}.
   *
   * @return a logging layer
   */
  public static LoggingLayer logging() {
    return new LoggingLayer();
  }

  /**
   * At most {@code maxInFlight} operations in flight, the others waiting in line.
   *
   * @param maxInFlight the most operations in flight, at least 1
   * @return a concurrency limit layer
   */
  public static ConcurrencyLimitLayer concurrencyLimit(int maxInFlight) {
    return new ConcurrencyLimitLayer(maxInFlight);
  }

  /**
   * Read and write bodies together limited to {@code bytesPerSecond}.
   *
   * @param bytesPerSecond the rate, at least 1
   * @return a throttle layer
   */
  public static ThrottleLayer throttle(long bytesPerSecond) {
    return new ThrottleLayer(bytesPerSecond);
  }

  /**
   * Injects the faults {@code policy} describes (for tests).
   *
   * @param policy the faults to inject
   * @return a fault injection layer
   */
  public static FaultInjectionLayer faults(FaultPolicy policy) {
    return new FaultInjectionLayer(policy);
  }
}
