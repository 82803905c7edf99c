package dev.rdal.layers;

import dev.rdal.RdalException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import reactor.core.scheduler.Scheduler;

/**
 * What the {@link FaultInjectionLayer} injects. All draws come from one random generator seeded with
 * {@code seed}, so a single-threaded run injects the same faults every time.
 *
 * @param seed the random seed
 * @param errorRate the chance, 0 to 1, that an operation fails before it reaches the backend
 * @param operationErrorRates per-operation chances ({@code read}, {@code write}, {@code stat}, ...) that
 *     replace {@code errorRate} for those operations
 * @param latency added before every operation reaches the backend; zero for none
 * @param cutRate the chance, 0 to 1, that a read or write body is cut: it fails after a random number
 *     of bytes (uniform within the served range for a read of known size, else within {@code cutWithin})
 * @param cutWithin the span in which a cut falls when the body's length is unknown (writes)
 * @param scheduler where latency is waited for; null for {@code Schedulers.parallel()}
 */
public record FaultPolicy(long seed, double errorRate, Map<String, Double> operationErrorRates, Duration latency,
    double cutRate, long cutWithin, Scheduler scheduler) {

  /** Default span of a write cut. */
  public static final long DEFAULT_CUT_WITHIN = 64 * 1024;

  /**
   * Checks rates (0 to 1), latency (not negative) and the cut span (at least 1).
   * @param seed the random generator's seed
   * @param errorRate the common chance of a temporary error
   * @param operationErrorRates chances per operation; null for none
   * @param latency the delay added to every operation
   * @param cutRate the chance a body breaks off
   * @param cutWithin the span in bytes in which a write cut falls
   * @param scheduler the timer scheduler; null for Reactor's parallel one
   */
  public FaultPolicy {
    checkRate("errorRate", errorRate);
    checkRate("cutRate", cutRate);
    operationErrorRates = operationErrorRates == null ? Map.of() : Map.copyOf(operationErrorRates);
    operationErrorRates.forEach((op, rate) -> checkRate("error rate of " + op, rate));
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) throw RdalException.invalidInput("latency must be >= 0, was " + latency);
    if (cutWithin < 1) throw RdalException.invalidInput("cutWithin must be >= 1, was " + cutWithin);
  }

  private static void checkRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) throw RdalException.invalidInput(name + " must be between 0 and 1, was " + rate);
  }

  /**
   * No faults at all, seeded with {@code seed}; add them with the withers.
   *
   * @param seed the random generator's seed
   * @return a policy injecting nothing
   */
  public static FaultPolicy none(long seed) {
    return new FaultPolicy(seed, 0, Map.of(), Duration.ZERO, 0, DEFAULT_CUT_WITHIN, null);
  }

  /**
   * The chance that {@code operation} fails.
   *
   * @param operation an operation's name, such as {@code read}
   * @return the chance, between 0 and 1
   */
  public double errorRate(String operation) {
    return operationErrorRates.getOrDefault(operation, errorRate);
  }

  /**
   * These faults with every operation failing at {@code errorRate}.
   *
   * @param errorRate the chance of a temporary error, between 0 and 1
   * @return a new policy
   */
  public FaultPolicy withErrorRate(double errorRate) {
    return new FaultPolicy(seed, errorRate, operationErrorRates, latency, cutRate, cutWithin, scheduler);
  }

  /**
   * These faults with {@code operation} failing at {@code rate} instead of the common rate.
   *
   * @param operation an operation's name, such as {@code read}
   * @param rate the chance of a temporary error, between 0 and 1
   * @return a new policy
   */
  public FaultPolicy withErrorRate(String operation, double rate) {
    Map<String, Double> rates = new HashMap<>(operationErrorRates);
    rates.put(Objects.requireNonNull(operation, "operation"), rate);
    return new FaultPolicy(seed, errorRate, rates, latency, cutRate, cutWithin, scheduler);
  }

  /**
   * These faults with {@code latency} added to every operation.
   *
   * @param latency the delay, not negative
   * @return a new policy
   */
  public FaultPolicy withLatency(Duration latency) {
    return new FaultPolicy(seed, errorRate, operationErrorRates, latency, cutRate, cutWithin, scheduler);
  }

  /**
   * These faults with read bodies cut at {@code cutRate}.
   *
   * @param cutRate the chance a body breaks off, between 0 and 1
   * @return a new policy
   */
  public FaultPolicy withCutRate(double cutRate) {
    return new FaultPolicy(seed, errorRate, operationErrorRates, latency, cutRate, cutWithin, scheduler);
  }

  /**
   * These faults with write bodies cut within {@code cutWithin} bytes.
   *
   * @param cutWithin the span in bytes in which a cut falls, at least 1
   * @return a new policy
   */
  public FaultPolicy withCutWithin(long cutWithin) {
    return new FaultPolicy(seed, errorRate, operationErrorRates, latency, cutRate, cutWithin, scheduler);
  }

  /**
   * These faults with delays on {@code scheduler}.
   *
   * @param scheduler the timer scheduler; null for Reactor's parallel one
   * @return a new policy
   */
  public FaultPolicy withScheduler(Scheduler scheduler) {
    return new FaultPolicy(seed, errorRate, operationErrorRates, latency, cutRate, cutWithin, scheduler);
  }
}
