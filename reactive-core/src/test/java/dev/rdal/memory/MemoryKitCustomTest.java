package dev.rdal.memory;

import dev.rdal.scheduler.ExecutionPolicy;
import org.junit.jupiter.api.AfterAll;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The memory backend's kit under {@link ExecutionPolicy#custom(Scheduler)}, on a scheduler this test owns
 * (the kit's operators never dispose it; the test does, at the end).
 */
class MemoryKitCustomTest extends MemoryKitUnderPolicy {

  private final Scheduler mine = Schedulers.newBoundedElastic(4, 1000, "kit-custom");

  @Override
  protected ExecutionPolicy policy() {
    return ExecutionPolicy.custom(mine);
  }

  @AfterAll
  void disposeMyScheduler() {
    mine.dispose();
  }
}
