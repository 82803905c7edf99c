package dev.rdal.memory;

import dev.rdal.Operator;
import dev.rdal.implementation.ExecutionLayer;
import dev.rdal.kit.BehaviorKit;

/**
 * The memory backend passes the behavior-test kit. The operator is built around a backend instance the
 * test keeps, so the kit can count its open handles; its read-ahead bound is the delivery prefetch plus
 * the chunk being handed over.
 */
class MemoryKitTest extends BehaviorKit {

  private final MemoryBackend backend = new MemoryBackend();

  @Override
  protected Operator createOperator() {
    return Operator.builder(backend).build();
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
