package dev.rdal.layers;

import dev.rdal.Operator;
import dev.rdal.spi.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/** The full layer stack used by the stack tests, in the order {@link Layers} recommends. */
final class Stacks {

  /** The stack's logger, kept at ERROR so expected failures of the kit's cases do not flood the build output. */
  private static final String QUIET_LOGGER = "dev.rdal.test.stack";

  static {
    System.setProperty("org.slf4j.simpleLogger.log." + QUIET_LOGGER, "error");
  }

  private Stacks() {}

  /** A fault-free policy. */
  static FaultPolicy noFaults() {
    return FaultPolicy.none(20261124L);
  }

  /** 20% of operations fail, 20% of bodies are cut midway; seeded. */
  static FaultPolicy faults(long seed) {
    return FaultPolicy.none(seed).withErrorRate(0.2).withCutRate(0.2).withCutWithin(256 * 1024);
  }

  /** Quick retries, enough of them that 20% faults never exhaust them in practice. */
  static RetryPolicy patientRetries() {
    return RetryPolicy.defaults().withMaxRetries(12).withBackoff(Duration.ofMillis(1), Duration.ofMillis(4))
        .withWriteReplayBuffer(16L << 20);
  }

  static Operator.Builder fullStack(Backend backend, MeterRegistry registry, FaultPolicy faults, RetryPolicy retry) {
    MetricsLayer metrics = new MetricsLayer(registry);
    return Operator.builder(backend)
        .layer(metrics)
        .layer(new LoggingLayer(LoggerFactory.getLogger(QUIET_LOGGER)))
        .layer(Layers.concurrencyLimit(16))
        .layer(Layers.retry(retry.withListener(metrics.retryListener())))
        .layer(Layers.timeout(Duration.ofSeconds(20), Duration.ofSeconds(10)))
        .layer(Layers.throttle(1L << 30))
        .layer(Layers.faults(faults));
  }
}
