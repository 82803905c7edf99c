package dev.rdal.scheduler;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The schedulers rdal creates, and their sizes. The global one is created on first use and lives as
 * long as the JVM; dedicated ones belong to one backend and are disposed with it.
 */
public final class RdalSchedulers {

  /** System property that sets the global scheduler's thread cap. */
  public static final String GLOBAL_THREADS_PROPERTY = "rdal.scheduler.global.threads";

  /**
   * Default thread cap of the global scheduler: blocking IO needs more threads than cores, so 4 per core,
   * at least 8 (Reactor's bounded-elastic default is 10 per core).
   */
  public static final int DEFAULT_GLOBAL_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  /** Default thread cap of a dedicated scheduler. */
  public static final int DEFAULT_DEDICATED_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  /** Tasks a scheduler queues beyond its busy threads before refusing work. */
  public static final int QUEUED_TASK_CAP = 100_000;

  /** Seconds an idle worker thread lives before it is released. */
  public static final int THREAD_TTL_SECONDS = 60;

  private static volatile Scheduler global;

  private RdalSchedulers() {}

  /** The library-wide scheduler ({@code rdal-global-N} daemon threads), created on first call. */
  public static Scheduler global() {
    Scheduler g = global;
    if (g == null) {
      synchronized (RdalSchedulers.class) {
        g = global;
        if (g == null) {
          g = newBlockingScheduler("rdal-global", Integer.getInteger(GLOBAL_THREADS_PROPERTY, DEFAULT_GLOBAL_THREADS));
          global = g;
        }
      }
    }
    return g;
  }

  /** A new scheduler for blocking IO with daemon threads named {@code name-N}. */
  public static Scheduler newBlockingScheduler(String name, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    return Schedulers.newBoundedElastic(threads, QUEUED_TASK_CAP, name, THREAD_TTL_SECONDS, true);
  }
}
