package dev.rdal.memory;

import dev.rdal.Operator;
import dev.rdal.implementation.ExecutionLayer;
import dev.rdal.kit.BehaviorKit;
import dev.rdal.scheduler.ExecutionPolicy;

/**
 * The kit once more over the memory backend, with its IO on a dedicated scheduler instead of the
 * caller's threads: every call and every pull hops, which the default policy never does for memory.
 */
class MemoryOnDedicatedPolicyKitTest extends BehaviorKit {

  private final MemoryBackend backend = new MemoryBackend();

  @Override
  protected Operator createOperator() {
    return Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(2)).build();
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
