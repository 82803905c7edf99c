package dev.rdal.scheduler;

import java.util.Locale;
import java.util.Objects;
import reactor.core.scheduler.Scheduler;

/**
 * Where a backend's IO runs. Chosen per operator (one operator serves one backend, so this is also the
 * per-backend override); when none is chosen, blocking backends use {@link #global()} and non-blocking
 * ones {@link #external()}.
 *
 * <pre>
 * policy     IO runs on                               threads in a dump          disposed by
 * external   the caller's own thread, no hop          (the caller's)             the caller
 * global     one library-wide scheduler, lazy         rdal-global-N (daemon)     never (JVM exit)
 * dedicated  a scheduler owned by one backend         rdal-&lt;scheme&gt;-N (daemon)  closing the operator
 * custom     a Scheduler the user hands in            (the user's)               the user, never rdal
 * </pre>
 *
 * A read is a pull source and every {@code request(n)} is carried to the policy's threads, so every read
 * of a stream runs there, not only the first; chunks of a blocking backend reach the subscriber on that
 * same thread (no extra hop). A blocking backend (fs, hdfs) under {@code external} called from a
 * non-blocking thread (a Reactor parallel worker, a Netty event loop) fails fast with
 * {@code CONFIG_INVALID} instead of blocking it. A non-blocking backend (memory, s3, webdav) does its IO
 * on its client's own threads; its results and chunks are handed to user code on the policy's scheduler
 * ({@code rdal-global-N} under external), never on the client's event loop, unless
 * {@link #deliverOnClientThread()} asks for it. Closing the operator ends its running streams and disposes
 * only what it owns. {@code rdal-global-N} and
 * {@code rdal-<scheme>-N} are virtual threads when their {@link SchedulerSpec} says so (JDK 21+).
 */
public final class ExecutionPolicy {

  /** The four kinds of policy. */
  public enum Kind {
    /** IO on the caller's threads. */
    EXTERNAL,
    /** IO on {@link RdalSchedulers#global()}. */
    GLOBAL,
    /** IO on a scheduler owned by the backend. */
    DEDICATED,
    /** IO on the user's scheduler. */
    CUSTOM
  }

  private static final ExecutionPolicy EXTERNAL = new ExecutionPolicy(Kind.EXTERNAL, null, null, false);
  private static final ExecutionPolicy GLOBAL = new ExecutionPolicy(Kind.GLOBAL, null, null, false);

  private final Kind kind;
  private final Scheduler custom;
  private final SchedulerSpec dedicatedSpec;
  private final boolean clientThreadDelivery;

  private ExecutionPolicy(Kind kind, Scheduler custom, SchedulerSpec dedicatedSpec, boolean clientThreadDelivery) {
    this.kind = kind;
    this.custom = custom;
    this.dedicatedSpec = dedicatedSpec;
    this.clientThreadDelivery = clientThreadDelivery;
  }

  /**
   * IO on the caller's threads; chunks of network clients still handed on off their event loops.
   *
   * @return the external policy
   */
  public static ExecutionPolicy external() {
    return EXTERNAL;
  }

  /**
   * IO on the library-wide scheduler ({@link RdalSchedulers#global()}).
   *
   * @return the global policy
   */
  public static ExecutionPolicy global() {
    return GLOBAL;
  }

  /**
   * IO on a scheduler owned by the backend, sized by {@link RdalSchedulers#DEFAULT_DEDICATED_THREADS}.
   *
   * @return a dedicated policy of the default size
   */
  public static ExecutionPolicy dedicated() {
    return dedicated(RdalSchedulers.DEFAULT_DEDICATED_THREADS);
  }

  /**
   * IO on a scheduler owned by the backend with at most {@code threads} threads.
   *
   * @param threads the scheduler's most threads, at least 1
   * @return a dedicated policy of {@code threads} threads
   */
  public static ExecutionPolicy dedicated(int threads) {
    return dedicated(SchedulerSpec.ofThreads(threads));
  }

  /**
   * IO on a scheduler owned by the backend, built by {@code spec} (threads, virtual threads, metrics).
   *
   * @param spec how the backend's scheduler is built
   * @return a dedicated policy built by {@code spec}
   */
  public static ExecutionPolicy dedicated(SchedulerSpec spec) {
    return new ExecutionPolicy(Kind.DEDICATED, null, Objects.requireNonNull(spec, "spec"), false);
  }

  /**
   * IO on the user's scheduler; rdal never disposes it. For a blocking backend it must be a scheduler
   * for blocking work (such as {@code Schedulers.boundedElastic()}): a call or pull that lands on a
   * thread that must not block ({@code Schedulers.parallel()}, an event loop) fails with
   * {@code CONFIG_INVALID} instead of blocking it.
   *
   * @param scheduler the caller's scheduler, never disposed by rdal
   * @return a custom policy on {@code scheduler}
   */
  public static ExecutionPolicy custom(Scheduler scheduler) {
    return new ExecutionPolicy(Kind.CUSTOM, Objects.requireNonNull(scheduler, "scheduler"), null, false);
  }

  /**
   * This policy, but chunks and results of non-blocking clients are delivered on the client's own thread
   * (its event loop) with no hop. Only for downstreams that never block.
   *
   * @return this policy with deliveries on the client's thread
   */
  public ExecutionPolicy deliverOnClientThread() {
    return new ExecutionPolicy(kind, custom, dedicatedSpec, true);
  }

  /**
   * Which of the four policies this is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The user's scheduler of a {@link Kind#CUSTOM} policy, else null.
   *
   * @return the scheduler, or null when the policy is not custom
   */
  public Scheduler customScheduler() {
    return custom;
  }

  /**
   * How a {@link Kind#DEDICATED} policy builds its scheduler, else null.
   *
   * @return the spec, or null when the policy is not dedicated
   */
  public SchedulerSpec dedicatedSpec() {
    return dedicatedSpec;
  }

  /**
   * The thread cap of a {@link Kind#DEDICATED} policy, else 0.
   *
   * @return the thread count
   */
  public int threads() {
    return dedicatedSpec != null ? dedicatedSpec.threads() : 0;
  }

  /**
   * Whether non-blocking clients deliver chunks on their own threads.
   *
   * @return true when chunks are delivered on the client's thread
   */
  public boolean isClientThreadDelivery() {
    return clientThreadDelivery;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ExecutionPolicy)) return false;
    ExecutionPolicy other = (ExecutionPolicy) o;
    return kind == other.kind && custom == other.custom && Objects.equals(dedicatedSpec, other.dedicatedSpec)
        && clientThreadDelivery == other.clientThreadDelivery;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, System.identityHashCode(custom), dedicatedSpec, clientThreadDelivery);
  }

  @Override
  public String toString() {
    String s = kind.name().toLowerCase(Locale.ROOT);
    if (kind == Kind.DEDICATED) s += "(" + dedicatedSpec.threads() + (dedicatedSpec.virtualThreads() ? ", virtual" : "") + ")";
    if (kind == Kind.CUSTOM) s += "(" + custom + ")";
    return clientThreadDelivery ? s + "+clientThreadDelivery" : s;
  }
}
