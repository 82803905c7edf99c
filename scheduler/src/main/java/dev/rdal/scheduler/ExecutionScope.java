package dev.rdal.scheduler;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * One backend's resolved {@link ExecutionPolicy}: the scheduler its IO runs on and the one its chunks
 * are delivered on. Creates a dedicated scheduler ({@code rdal-<backend>-N}) at construction and
 * disposes it in {@link #dispose()}; never disposes the global or a custom scheduler.
 */
public final class ExecutionScope implements Disposable {

  private final ExecutionPolicy policy;
  private final String backendName;
  private final Scheduler io;
  private final boolean owned;
  private final AtomicBoolean disposed = new AtomicBoolean();

  public ExecutionScope(ExecutionPolicy policy, String backendName) {
    this.policy = policy;
    this.backendName = backendName;
    switch (policy.kind()) {
      case EXTERNAL:
        this.io = null;
        this.owned = false;
        break;
      case GLOBAL:
        this.io = RdalSchedulers.global();
        this.owned = false;
        break;
      case DEDICATED:
        this.io = RdalSchedulers.newBlockingScheduler("rdal-" + backendName, policy.threads());
        this.owned = true;
        break;
      case CUSTOM:
        this.io = policy.customScheduler();
        this.owned = false;
        break;
      default:
        throw new IllegalStateException("unknown policy " + policy);
    }
  }

  public ExecutionPolicy policy() {
    return policy;
  }

  public String backendName() {
    return backendName;
  }

  /** The scheduler IO runs on, or null under {@link ExecutionPolicy.Kind#EXTERNAL}. */
  public Scheduler ioScheduler() {
    return io;
  }

  /**
   * The scheduler on which chunks of a non-blocking client are handed to user code, or null to hand
   * them on the client's thread (only with {@link ExecutionPolicy#deliverOnClientThread()}). Under
   * external it is the global scheduler: a hop per chunk keeps user code off the client's event loop.
   */
  public Scheduler deliveryScheduler() {
    if (policy.isClientThreadDelivery()) {
      return null;
    }
    return io != null ? io : RdalSchedulers.global();
  }

  @Override
  public void dispose() {
    if (disposed.compareAndSet(false, true) && owned) {
      io.dispose();
    }
  }

  @Override
  public boolean isDisposed() {
    return disposed.get();
  }

  @Override
  public String toString() {
    return "ExecutionScope{" + backendName + ", " + policy + "}";
  }
}
