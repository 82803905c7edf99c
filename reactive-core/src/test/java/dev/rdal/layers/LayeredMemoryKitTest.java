package dev.rdal.layers;

import dev.rdal.Operator;
import dev.rdal.implementation.ExecutionLayer;
import dev.rdal.kit.BehaviorKit;
import dev.rdal.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The whole behavior-test kit on the memory backend wrapped in every layer (metrics, logging,
 * concurrency limit, retry, timeout, throttle, and fault injection at rate 0): the stack changes no
 * behavior.
 */
class LayeredMemoryKitTest extends BehaviorKit {

  private final MemoryBackend backend = new MemoryBackend();

  @Override
  protected Operator createOperator() {
    return Stacks.fullStack(backend, new SimpleMeterRegistry(), Stacks.noFaults(), Stacks.patientRetries()).build();
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
