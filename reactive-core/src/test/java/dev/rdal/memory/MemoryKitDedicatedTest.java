package dev.rdal.memory;

import dev.rdal.scheduler.ExecutionPolicy;

/**
 * The memory backend's kit under {@link ExecutionPolicy#dedicated(int)}: each operator the kit makes owns a
 * scheduler of two threads, disposed when the kit closes it.
 */
class MemoryKitDedicatedTest extends MemoryKitUnderPolicy {

  @Override
  protected ExecutionPolicy policy() {
    return ExecutionPolicy.dedicated(2);
  }
}
