package dev.rdal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.layers.Layers;
import dev.rdal.layers.MetricsLayer;
import dev.rdal.layers.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The root README's layer stack, compiled and run as written. */
class LayersSnippetTest {

  @Test
  void theReadmeStackWritesReadsAndCounts() {
    // tag::layers[]
    MeterRegistry registry = new SimpleMeterRegistry();    // Micrometer is optional: only MetricsLayer needs it
    MetricsLayer metrics = new MetricsLayer(registry);
    Operator op = Operator.builder("memory")
        .layer(metrics)                                    // calls as the caller sees them
        .layer(Layers.logging())                           // one DEBUG line per call, a WARN per failure
        .layer(Layers.concurrencyLimit(64))                // FIFO, non-blocking; a retrying call keeps its permit
        .layer(Layers.retry(RetryPolicy.defaults()         // temporary errors only; backoff with jitter
            .withListener(metrics.retryListener())))       //   every retry counted in rdal.retries
        .layer(Layers.timeout(Duration.ofSeconds(30),      // deadline per attempt
            Duration.ofSeconds(10)))                       //   and idle timeout between chunks
        .layer(Layers.throttle(50L << 20))                 // 50 MiB/s over all bodies of this operator
        .build();
    // end::layers[]
    try (op) {
      op.write("a", "abc".getBytes()).block(Duration.ofSeconds(10));
      assertThat(op.readAllBytes("a").block(Duration.ofSeconds(10))).containsExactly('a', 'b', 'c');
      assertThat(registry.get("rdal.bytes.read").counter().count()).isEqualTo(3);
    }
  }
}
