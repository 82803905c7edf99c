package dev.rdal.scheduler;

import java.util.Objects;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The schedulers rdal creates, and their sizes: defaults live here, in one place.
 *
 * <p><b>Global.</b> {@link #global()} is created on first use and lives as long as the JVM: daemon
 * threads named {@code rdal-global-N}, shared by every operator, never disposed by an operator's close.
 * Its size comes from {@link #configureGlobal(SchedulerSpec)} if called before first use, else from the
 * system properties {@value #GLOBAL_PROPERTY_PREFIX}{@code .threads} (default
 * {@link #DEFAULT_GLOBAL_THREADS}) and {@value #GLOBAL_PROPERTY_PREFIX}{@code .virtualThreads}
 * ({@code true} needs JDK 21+).
 *
 * <p><b>Dedicated.</b> {@link #create(String, SchedulerSpec)} makes a scheduler for one backend, with
 * threads named {@code <name>-N}; its owner disposes it.
 */
public final class RdalSchedulers {

  /** Prefix of the system properties that size the global scheduler. */
  public static final String GLOBAL_PROPERTY_PREFIX = "rdal.scheduler.global";

  /** System property that sets the global scheduler's thread cap. */
  public static final String GLOBAL_THREADS_PROPERTY = GLOBAL_PROPERTY_PREFIX + ".threads";

  /** System property that puts the global scheduler on virtual threads ({@code true}; JDK 21+). */
  public static final String GLOBAL_VIRTUAL_THREADS_PROPERTY = GLOBAL_PROPERTY_PREFIX + ".virtualThreads";

  /** Name (and thread-name prefix) of the global scheduler. */
  public static final String GLOBAL_NAME = "rdal-global";

  /**
   * Default thread cap of the global scheduler: blocking IO waits more than it computes, so 4 threads
   * per core, at least 8 (Reactor's own bounded-elastic default is 10 per core).
   */
  public static final int DEFAULT_GLOBAL_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  /**
   * Default thread cap of a dedicated scheduler: 2 per core, at least 4, so one backend's IO overlaps
   * without letting it own the machine.
   */
  public static final int DEFAULT_DEDICATED_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private static final Object LOCK = new Object();
  private static SchedulerSpec globalSpec; // guarded by LOCK
  private static volatile Scheduler global;

  private RdalSchedulers() {}

  /**
   * Sets how the global scheduler is built. Must be called before its first use; calling it again with an
   * equal spec is harmless.
   *
   * @throws IllegalStateException when the global scheduler already exists (or was configured differently)
   * @param spec how the global scheduler is built
   */
  public static void configureGlobal(SchedulerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    synchronized (LOCK) {
      if (spec.equals(globalSpec)) {
        return;
      }
      if (global != null || globalSpec != null) {
        throw new IllegalStateException("the global rdal scheduler is already "
            + (global != null ? "running" : "configured") + " with " + globalSpec
            + "; configure it once, before the first operator runs");
      }
      globalSpec = spec;
    }
  }

  /**
   * The library-wide scheduler ({@code rdal-global-N} daemon threads), created on first call.
   *
   * @return the global scheduler
   */
  public static Scheduler global() {
    Scheduler g = global;
    if (g == null) {
      synchronized (LOCK) {
        g = global;
        if (g == null) {
          if (globalSpec == null) {
            globalSpec = SchedulerSpec.fromProperties(System.getProperties(), GLOBAL_PROPERTY_PREFIX, DEFAULT_GLOBAL_THREADS);
          }
          g = create(GLOBAL_NAME, globalSpec);
          global = g;
        }
      }
    }
    return g;
  }

  /**
   * Whether the global scheduler has been created (it is created lazily).
   *
   * @return true once the global scheduler exists
   */
  public static boolean isGlobalCreated() {
    return global != null;
  }

  /**
   * A new scheduler built by {@code spec}, with threads named {@code name-N}; the caller owns it and
   * disposes it. Metered when the spec has a registry.
   *
   * @param name the thread name prefix
   * @param spec how the scheduler is built
   * @return a new scheduler that the caller disposes
   */
  public static Scheduler create(String name, SchedulerSpec spec) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
    Scheduler scheduler;
    if (spec.virtualThreads()) {
      scheduler = new Schedulers.Factory() {}.newThreadPerTaskBoundedElastic(
          spec.threads(), spec.queuedTaskCap(), WorkerThreadFactory.virtual(name));
      scheduler.init();
    } else {
      scheduler = Schedulers.newBoundedElastic(spec.threads(), spec.queuedTaskCap(),
          WorkerThreadFactory.platform(name), spec.idleSeconds());
    }
    return spec.hasMetrics() ? MeteredScheduler.wrap(scheduler, spec.meterRegistry(), name) : scheduler;
  }

  /**
   * A new scheduler for blocking IO with {@code threads} daemon threads named {@code name-N}.
   *
   * @param name the thread name prefix
   * @param threads the most threads, at least 1
   * @return a new scheduler that the caller disposes
   */
  public static Scheduler newBlockingScheduler(String name, int threads) {
    return create(name, SchedulerSpec.ofThreads(threads));
  }

  /**
   * Whether {@code thread} is a virtual thread (always false before JDK 21).
   *
   * @param thread a thread
   * @return true when {@code thread} is a virtual thread
   */
  public static boolean isVirtual(Thread thread) {
    return VirtualThreads.isVirtual(thread);
  }
}
