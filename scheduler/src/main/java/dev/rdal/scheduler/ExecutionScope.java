package dev.rdal.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One backend's resolved {@link ExecutionPolicy}: the scheduler its IO runs on, the one its chunks are
 * delivered on, and its {@link WorkerLocal} values.
 *
 * <p><b>Ownership.</b> A dedicated scheduler ({@code rdal-<backend>-N}) is created with the scope and
 * disposed by {@link #close()} / {@link #dispose()}; the global and a custom scheduler are never disposed
 * here. Closing is idempotent and total: the owned scheduler stops (running tasks get
 * {@link #CLOSE_GRACE} to finish, then are interrupted), then every worker-local value is closed.
 *
 * <p>Thread-safe.
 */
public final class ExecutionScope implements Disposable {

  /** How long running tasks of a dedicated scheduler may take to finish when the scope closes. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final ExecutionPolicy policy;
  private final String backendName;
  private final Scheduler io;
  private final boolean owned;
  private final List<WorkerLocal<?>> workerLocals = new CopyOnWriteArrayList<>();
  private final AtomicBoolean disposed = new AtomicBoolean();
  private final Mono<Void> closing;

  /**
   * Resolves {@code policy} for the backend named {@code backendName} (its scheme), creating the
   * dedicated scheduler if the policy asks for one.
   *
   * @throws IllegalArgumentException when the backend name cannot name threads
   * @throws IllegalStateException when the policy asks for something this JVM lacks (virtual threads)
   * @param policy the policy this scope applies
   * @param backendName the backend's name, used in thread names such as {@code rdal-<name>-N}
   */
  public ExecutionScope(ExecutionPolicy policy, String backendName) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.backendName = Objects.requireNonNull(backendName, "backendName");
    if (!backendName.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
      throw new IllegalArgumentException("backend name '" + backendName + "' cannot name threads; "
          + "use letters, digits, '.', '_', '+' or '-'");
    }
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
        this.io = RdalSchedulers.create("rdal-" + backendName, policy.dedicatedSpec());
        this.owned = true;
        break;
      case CUSTOM:
        this.io = policy.customScheduler();
        this.owned = false;
        break;
      default:
        throw new IllegalStateException("unknown policy " + policy);
    }
    // closers may block (closing a client): never on the thread that saw the scheduler stop
    this.closing = Mono.defer(this::stop)
        .then(Mono.<Void>fromRunnable(this::closeWorkerLocals).subscribeOn(Schedulers.boundedElastic()))
        .cache();
  }

  /**
   * The policy this scope applies.
   *
   * @return the policy
   */
  public ExecutionPolicy policy() {
    return policy;
  }

  /**
   * The backend's name, as used in thread names.
   *
   * @return the name
   */
  public String backendName() {
    return backendName;
  }

  /**
   * The scheduler IO runs on, or null under {@link ExecutionPolicy.Kind#EXTERNAL}.
   *
   * @return the scheduler, or null when IO runs on the caller's thread
   */
  public Scheduler ioScheduler() {
    return io;
  }

  /**
   * Whether this scope created its IO scheduler and disposes it.
   *
   * @return true when closing this scope disposes its scheduler
   */
  public boolean ownsScheduler() {
    return owned;
  }

  /**
   * The scheduler on which chunks of a non-blocking client are handed to user code, or null to hand
   * them on the client's thread (only with {@link ExecutionPolicy#deliverOnClientThread()}). Under
   * external it is the global scheduler: a hop per chunk keeps user code off the client's event loop.
   *
   * @return the delivery scheduler, or null for none
   */
  public Scheduler deliveryScheduler() {
    if (policy.isClientThreadDelivery()) {
      return null;
    }
    return io != null ? io : RdalSchedulers.global();
  }

  /**
   * A value per worker thread, made by {@code factory} on each thread's first {@link WorkerLocal#get()},
   * closed by {@code closer} when that thread ends or when this scope is closed (see {@link WorkerLocal}).
   *
   * @throws IllegalStateException when this scope is already closed
   * @param <T> the type of the value
   * @param name the slot's name, for logs and errors
   * @param factory makes a worker's value on its first use, on that worker
   * @param closer closes a value when its worker ends or the scope closes
   * @return the slot
   */
  public <T> WorkerLocal<T> workerLocal(String name, Supplier<? extends T> factory, Consumer<? super T> closer) {
    if (disposed.get()) {
      throw new IllegalStateException("execution scope of '" + backendName + "' is closed; cannot add worker-local '" + name + "'");
    }
    WorkerLocal<T> local = new WorkerLocal<>(name, factory, closer);
    workerLocals.add(local);
    if (disposed.get()) { // closed meanwhile
      local.close();
    }
    return local;
  }

  /**
   * Closes the scope: the dedicated scheduler stops accepting work, running tasks get
   * {@link #CLOSE_GRACE} to finish and are then interrupted, and every worker-local value is closed.
   * Idempotent: every call returns the same completion. Never disposes the global or a custom scheduler.
   *
   * @return completes once the scope and what it owns are closed
   */
  public Mono<Void> close() {
    return closing;
  }

  private Mono<Void> stop() {
    disposed.set(true);
    if (!owned) {
      return Mono.empty();
    }
    return io.disposeGracefully()
        .timeout(CLOSE_GRACE, Schedulers.parallel())
        .onErrorResume(e -> Mono.<Void>fromRunnable(io::dispose));
  }

  /** Closes at once: the dedicated scheduler is disposed (running tasks interrupted), values closed. */
  @Override
  public void dispose() {
    disposed.set(true);
    if (owned) {
      io.dispose();
    }
    closeWorkerLocals();
  }

  private void closeWorkerLocals() {
    for (WorkerLocal<?> local : workerLocals) {
      local.close();
    }
  }

  @Override
  public boolean isDisposed() {
    return disposed.get();
  }

  @Override
  public String toString() {
    return "ExecutionScope{" + backendName + ", " + policy + (disposed.get() ? ", closed" : "") + "}";
  }
}
