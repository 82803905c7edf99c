package dev.rdal.fs;

import dev.rdal.scheduler.ExecutionPolicy;
import org.junit.jupiter.api.AfterAll;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The whole behavior kit against fs under a custom policy: the application's own bounded-elastic scheduler. */
class FsCustomKitTest extends FsKitSupport {

  private final Scheduler appScheduler = Schedulers.newBoundedElastic(4, 1000, "app-io");

  @Override
  protected ExecutionPolicy policy() {
    return ExecutionPolicy.custom(appScheduler);
  }

  @AfterAll
  void disposeAppScheduler() {
    appScheduler.dispose();
  }
}
