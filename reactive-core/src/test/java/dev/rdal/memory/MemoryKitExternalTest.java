package dev.rdal.memory;

import dev.rdal.scheduler.ExecutionPolicy;

/** The memory backend's kit under {@link ExecutionPolicy#external()} (deliveries on {@code rdal-global}). */
class MemoryKitExternalTest extends MemoryKitUnderPolicy {

  @Override
  protected ExecutionPolicy policy() {
    return ExecutionPolicy.external();
  }
}
