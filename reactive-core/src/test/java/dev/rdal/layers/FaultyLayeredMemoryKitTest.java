package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.implementation.ExecutionLayer;
import dev.rdal.kit.BehaviorKit;
import dev.rdal.memory.MemoryBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole behavior-test kit again, with seeded faults injected under every layer (20% of operations
 * fail, 20% of read and write bodies are cut midway) and the retry layer above them: every read still
 * returns exactly the stored bytes (broken bodies are resumed, never re-emitted), and every write
 * completes or leaves nothing (cut writes fail whole and are retried from a replayable body). One case
 * cannot hold under cut bodies and is skipped with its reason ({@link SkipUnderFaults}).
 */
@ExtendWith(SkipUnderFaults.class)
class FaultyLayeredMemoryKitTest extends BehaviorKit {

  private final MemoryBackend backend = new MemoryBackend();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Override
  protected Operator createOperator() {
    return Stacks.fullStack(backend, registry, Stacks.faults(20261124L), Stacks.patientRetries()).build();
  }

  /** The kit passed with faults really injected: operations were retried and cut bodies resumed. */
  @AfterAll
  void faultsWereInjectedAndHealed() {
    double retried = registry.find(MetricsLayer.RETRIES).counters().stream().mapToDouble(Counter::count).sum();
    double resumed = registry.find(MetricsLayer.RETRIES).tag("operation", "read.resume").counters().stream()
        .mapToDouble(Counter::count).sum();
    assertThat(retried).as("retries").isGreaterThan(50);
    assertThat(resumed).as("resumed read bodies").isPositive();
  }

  @Override
  protected long openResourceCount() {
    return backend.openHandles();
  }

  @Override
  protected long maxReadAheadBytes() {
    return (ExecutionLayer.DELIVERY_PREFETCH + 1L) * MemoryBackend.CHUNK_SIZE;
  }
}
