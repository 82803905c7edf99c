package dev.rdal.scheduler;

import java.util.Objects;
import reactor.core.scheduler.Scheduler;

/**
 * Where a backend's IO runs. Chosen per operator, overridable per backend.
 *
 * <pre>
 * policy     IO runs on                               threads in a dump        disposed by
 * external   the caller's own thread, no hop          (the caller's)           the caller
 * global     one library-wide scheduler, lazy         rdal-global-N (daemon)   never (JVM exit)
 * dedicated  a scheduler owned by one backend         rdal-&lt;backend&gt;-N       closing the operator
 * custom     a Scheduler the user hands in            (the user's)             the user, never rdal
 * </pre>
 *
 * A blocking backend (fs, hdfs) run {@code external} from a non-blocking thread (a Reactor parallel
 * worker, a Netty event loop) fails fast instead of blocking it. A read is a pull source and every
 * {@code request(n)} is carried to the policy's threads, so every read of a stream stays there, not only
 * the first. Chunks from a network client are handed on off the client's event loop unless the policy
 * is {@link #external()} with {@link #deliverOnClientThread()}.
 */
public final class ExecutionPolicy {

  /** The four kinds of policy. */
  public enum Kind {
    EXTERNAL,
    GLOBAL,
    DEDICATED,
    CUSTOM
  }

  private static final ExecutionPolicy EXTERNAL = new ExecutionPolicy(Kind.EXTERNAL, null, 0, false);
  private static final ExecutionPolicy GLOBAL = new ExecutionPolicy(Kind.GLOBAL, null, 0, false);

  private final Kind kind;
  private final Scheduler custom;
  private final int threads;
  private final boolean clientThreadDelivery;

  private ExecutionPolicy(Kind kind, Scheduler custom, int threads, boolean clientThreadDelivery) {
    this.kind = kind;
    this.custom = custom;
    this.threads = threads;
    this.clientThreadDelivery = clientThreadDelivery;
  }

  /** IO on the caller's threads; chunks of network clients still handed on off their event loops. */
  public static ExecutionPolicy external() {
    return EXTERNAL;
  }

  /** IO on the library-wide scheduler ({@link RdalSchedulers#global()}). */
  public static ExecutionPolicy global() {
    return GLOBAL;
  }

  /** IO on a scheduler owned by the backend, sized by {@link RdalSchedulers#DEFAULT_DEDICATED_THREADS}. */
  public static ExecutionPolicy dedicated() {
    return dedicated(RdalSchedulers.DEFAULT_DEDICATED_THREADS);
  }

  /** IO on a scheduler owned by the backend with at most {@code threads} threads. */
  public static ExecutionPolicy dedicated(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("dedicated threads must be >= 1, was " + threads);
    }
    return new ExecutionPolicy(Kind.DEDICATED, null, threads, false);
  }

  /** IO on the user's scheduler; rdal never disposes it. */
  public static ExecutionPolicy custom(Scheduler scheduler) {
    return new ExecutionPolicy(Kind.CUSTOM, Objects.requireNonNull(scheduler, "scheduler"), 0, false);
  }

  /**
   * This policy, but chunks of non-blocking clients are delivered on the client's own thread (its
   * event loop) with no hop. Only for downstreams that never block; meaningful with {@link #external()}.
   */
  public ExecutionPolicy deliverOnClientThread() {
    return new ExecutionPolicy(kind, custom, threads, true);
  }

  public Kind kind() {
    return kind;
  }

  /** The user's scheduler of a {@link Kind#CUSTOM} policy, else null. */
  public Scheduler customScheduler() {
    return custom;
  }

  /** The thread cap of a {@link Kind#DEDICATED} policy, else 0. */
  public int threads() {
    return threads;
  }

  /** Whether non-blocking clients deliver chunks on their own threads. */
  public boolean isClientThreadDelivery() {
    return clientThreadDelivery;
  }

  @Override
  public String toString() {
    String s = kind.name().toLowerCase(java.util.Locale.ROOT);
    if (kind == Kind.DEDICATED) s += "(" + threads + ")";
    if (kind == Kind.CUSTOM) s += "(" + custom + ")";
    return clientThreadDelivery ? s + "+clientThreadDelivery" : s;
  }
}
