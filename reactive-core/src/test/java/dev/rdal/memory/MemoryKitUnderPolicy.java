package dev.rdal.memory;

import dev.rdal.Operator;
import dev.rdal.implementation.ExecutionLayer;
import dev.rdal.kit.BehaviorKit;
import dev.rdal.scheduler.ExecutionPolicy;

/**
 * The memory backend's kit run under one explicit execution policy: the kit's behavior must not depend on
 * where IO runs or where chunks are delivered. Subclasses name the policy.
 */
abstract class MemoryKitUnderPolicy extends BehaviorKit {

  private final MemoryBackend backend = new MemoryBackend();

  /** The policy every operator of this run uses. */
  protected abstract ExecutionPolicy policy();

  @Override
  protected Operator createOperator() {
    return Operator.builder(backend).executionPolicy(policy()).build();
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
