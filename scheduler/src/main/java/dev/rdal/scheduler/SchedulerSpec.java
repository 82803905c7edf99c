package dev.rdal.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * How rdal builds one of its own schedulers (the global one, or a dedicated one): how many threads, how
 * many queued tasks, how long an idle thread lives, whether tasks run on virtual threads, and where its
 * metrics go. Immutable; made with {@link #builder(int)}.
 *
 * <p><b>Threads.</b> A platform-thread scheduler is a bounded elastic pool of daemon threads named
 * {@code <name>-N}: at most {@link #threads()} threads, created on demand and released after
 * {@link #idleSeconds()} idle seconds. With {@link #virtualThreads()} (JDK 21+ only) each task runs on its
 * own virtual thread, at most {@link #threads()} at a time, named the same way.
 *
 * <p><b>Metrics.</b> With a {@code MeterRegistry} the scheduler publishes
 * {@code rdal.scheduler.tasks.submitted|pending|active|completed} tagged {@code name=<scheduler name>}.
 * Micrometer is an optional dependency: a spec without a registry never touches Micrometer classes.
 */
public final class SchedulerSpec {

  /** Tasks a scheduler queues beyond its busy threads before refusing work. */
  public static final int DEFAULT_QUEUED_TASK_CAP = 100_000;

  /** Seconds an idle worker thread lives before it is released. */
  public static final int DEFAULT_IDLE_SECONDS = 60;

  private final int threads;
  private final int queuedTaskCap;
  private final int idleSeconds;
  private final boolean virtualThreads;
  private final Object meterRegistry; // a MeterRegistry; typed Object so Micrometer stays optional

  private SchedulerSpec(Builder b) {
    this.threads = b.threads;
    this.queuedTaskCap = b.queuedTaskCap;
    this.idleSeconds = b.idleSeconds;
    this.virtualThreads = b.virtualThreads;
    this.meterRegistry = b.meterRegistry;
  }

  /**
   * A builder starting from {@code threads} threads and the defaults above.
   *
   * @param threads the most threads, at least 1
   * @return a builder
   */
  public static Builder builder(int threads) {
    return new Builder(threads);
  }

  /**
   * A spec of {@code threads} platform threads with the defaults above.
   *
   * @param threads the most threads, at least 1
   * @return the spec
   */
  public static SchedulerSpec ofThreads(int threads) {
    return builder(threads).build();
  }

  /**
   * The spec that the system properties {@code <prefix>.threads} and {@code <prefix>.virtualThreads}
   * describe, starting from {@code defaultThreads} platform threads.
   *
   * @throws IllegalArgumentException when a property is malformed (the message names it)
   * @throws IllegalStateException when virtual threads are asked for on a JDK older than 21
   * @param properties where to read the properties, usually {@link System#getProperties()}
   * @param prefix the properties' common prefix, such as {@code rdal.scheduler.global}
   * @param defaultThreads the threads when {@code <prefix>.threads} is not set
   * @return the spec
   */
  public static SchedulerSpec fromProperties(Properties properties, String prefix, int defaultThreads) {
    Builder b = builder(defaultThreads);
    String t = properties.getProperty(prefix + ".threads");
    if (t != null && !t.isBlank()) {
      int threads;
      try {
        threads = Integer.parseInt(t.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "system property " + prefix + ".threads must be a whole number >= 1, was '" + t + "'", e);
      }
      if (threads < 1) {
        throw new IllegalArgumentException(
            "system property " + prefix + ".threads must be a whole number >= 1, was '" + t + "'");
      }
      b.threads(threads);
    }
    String v = properties.getProperty(prefix + ".virtualThreads");
    if (v != null && !v.isBlank()) {
      String s = v.trim().toLowerCase(Locale.ROOT);
      if (!s.equals("true") && !s.equals("false")) {
        throw new IllegalArgumentException(
            "system property " + prefix + ".virtualThreads must be true or false, was '" + v + "'");
      }
      b.virtualThreads(Boolean.parseBoolean(s));
    }
    return b.build();
  }

  /**
   * The most threads (or, on virtual threads, the most tasks running at once).
   *
   * @return the thread cap
   */
  public int threads() {
    return threads;
  }

  /**
   * Tasks queued beyond busy threads before work is refused.
   *
   * @return the queue cap
   */
  public int queuedTaskCap() {
    return queuedTaskCap;
  }

  /**
   * Seconds an idle platform thread lives.
   *
   * @return the seconds
   */
  public int idleSeconds() {
    return idleSeconds;
  }

  /**
   * Whether tasks run on virtual threads (JDK 21+).
   *
   * @return true for virtual threads
   */
  public boolean virtualThreads() {
    return virtualThreads;
  }

  /**
   * Whether scheduler metrics are published.
   *
   * @return true when a registry was given
   */
  public boolean hasMetrics() {
    return meterRegistry != null;
  }

  Object meterRegistry() {
    return meterRegistry;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SchedulerSpec)) return false;
    SchedulerSpec other = (SchedulerSpec) o;
    return threads == other.threads && queuedTaskCap == other.queuedTaskCap && idleSeconds == other.idleSeconds
        && virtualThreads == other.virtualThreads && meterRegistry == other.meterRegistry;
  }

  @Override
  public int hashCode() {
    return Objects.hash(threads, queuedTaskCap, idleSeconds, virtualThreads, System.identityHashCode(meterRegistry));
  }

  @Override
  public String toString() {
    return "SchedulerSpec{threads=" + threads + ", queuedTaskCap=" + queuedTaskCap + ", idleSeconds=" + idleSeconds
        + (virtualThreads ? ", virtualThreads" : "") + (meterRegistry != null ? ", metrics" : "") + "}";
  }

  /** Builds a {@link SchedulerSpec}; not thread-safe. */
  public static final class Builder {
    private int threads;
    private int queuedTaskCap = DEFAULT_QUEUED_TASK_CAP;
    private int idleSeconds = DEFAULT_IDLE_SECONDS;
    private boolean virtualThreads;
    private Object meterRegistry;

    private Builder(int threads) {
      threads(threads);
    }

    /**
     * The most threads, at least 1.
     *
     * @param threads the most threads
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("scheduler threads must be >= 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Tasks queued beyond busy threads before work is refused, at least 1.
     *
     * @param cap the queued task cap
     * @return this builder
     */
    public Builder queuedTaskCap(int cap) {
      if (cap < 1) {
        throw new IllegalArgumentException("queued task cap must be >= 1, was " + cap);
      }
      this.queuedTaskCap = cap;
      return this;
    }

    /**
     * Seconds an idle platform thread lives, at least 1.
     *
     * @param seconds the idle lifetime in seconds
     * @return this builder
     */
    public Builder idleSeconds(int seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("idle seconds must be >= 1, was " + seconds);
      }
      this.idleSeconds = seconds;
      return this;
    }

    /**
     * Runs tasks on virtual threads.
     *
     * @throws IllegalStateException on a JDK older than 21, saying so
     * @param on true for virtual threads
     * @return this builder
     */
    public Builder virtualThreads(boolean on) {
      if (on) {
        VirtualThreads.requireAvailable();
      }
      this.virtualThreads = on;
      return this;
    }

    /**
     * Publishes the scheduler's metrics to {@code registry}.
     *
     * @param registry a Micrometer {@code MeterRegistry}
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The spec built so far.
     *
     * @return a new, immutable spec
     */
    public SchedulerSpec build() {
      return new SchedulerSpec(this);
    }
  }
}
