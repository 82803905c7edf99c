package dev.rdal.layers;

import dev.rdal.Operator;
import dev.rdal.spi.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** The full layer stack used by the stack tests, in the order {@link Layers} recommends. */
final class Stacks {

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
        .layer(Layers.logging())
        .layer(Layers.concurrencyLimit(16))
        .layer(Layers.retry(retry.withListener(metrics.retryListener())))
        .layer(Layers.timeout(Duration.ofSeconds(20), Duration.ofSeconds(10)))
        .layer(Layers.throttle(1L << 30))
        .layer(Layers.faults(faults));
  }
}
