package dev.rdal.layers;

import dev.rdal.implementation.ExecutionLayer;
import dev.rdal.scheduler.RdalSchedulers;
import dev.rdal.spi.Backend;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * Chooses the scheduler on which a layer waits (backoffs, timeouts, throttle and latency delays). What
 * runs after the wait may call the wrapped backend again, so for a blocking backend it is the execution
 * policy's IO scheduler (published by {@link ExecutionLayer} in the subscriber context; the global
 * scheduler under the external policy), never a non-blocking timer thread. For a non-blocking backend
 * it is the scheduler the layer was given, or {@link Schedulers#parallel()} looked up at subscription
 * (so tests with virtual time see their virtual clock).
 */
final class Timers {

  private Timers() {}

  static Scheduler pick(ContextView context, Backend inner, Scheduler configured) {
    if (inner.isBlocking()) {
      return context.<Scheduler>getOrEmpty(ExecutionLayer.IO_SCHEDULER_KEY).orElseGet(RdalSchedulers::global);
    }
    return configured != null ? configured : Schedulers.parallel();
  }
}
