package dev.rdal.memory;

import dev.rdal.scheduler.ExecutionPolicy;

/** The memory backend's kit under {@link ExecutionPolicy#global()}. */
class MemoryKitGlobalTest extends MemoryKitUnderPolicy {

  @Override
  protected ExecutionPolicy policy() {
    return ExecutionPolicy.global();
  }
}
