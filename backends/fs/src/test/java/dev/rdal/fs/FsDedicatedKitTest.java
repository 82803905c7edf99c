package dev.rdal.fs;

import dev.rdal.scheduler.ExecutionPolicy;

/** The whole behavior kit against fs under a dedicated policy (a scheduler of each operator's own). */
class FsDedicatedKitTest extends FsKitSupport {

  @Override
  protected ExecutionPolicy policy() {
    return ExecutionPolicy.dedicated();
  }
}
