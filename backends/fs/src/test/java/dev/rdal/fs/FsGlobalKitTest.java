package dev.rdal.fs;

import dev.rdal.scheduler.ExecutionPolicy;

/** The whole behavior kit against fs under the global policy (the default for blocking backends). */
class FsGlobalKitTest extends FsKitSupport {

  @Override
  protected ExecutionPolicy policy() {
    return ExecutionPolicy.global();
  }
}
