package dev.rdal.scheduler;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * A typed value created once per worker thread and closed when it is no longer needed: for example a
 * client or a reusable direct buffer per thread, cheaper than one shared, contended instance. Made by
 * {@link ExecutionScope#workerLocal(String, Supplier, Consumer)}.
 *
 * <p><b>Lifecycle.</b> {@link #get()} returns the calling thread's value, creating it with the factory on
 * that thread's first call; later calls on the thread return the same value without locking. A value is
 * closed exactly once, with the closer, when the first of these happens: its worker thread of an rdal
 * scheduler ends (an idle bounded-elastic worker is evicted, or a virtual thread finishes its task), a
 * value is next created on another thread and finds this value's thread dead, or the scope is disposed
 * (which closes every value left). The closer then runs on the ending thread or on the disposing one.
 *
 * <p><b>Threads.</b> Values are meant for the threads of the policy's scheduler; a call from any other
 * thread (under the external policy: the caller's) works the same way and its value is closed at the
 * latest when the scope is disposed. On virtual threads every task has its own thread, so a value lives
 * for one task only: use worker-locals with platform-thread pools.
 *
 * <p>After {@link #close()} (or the scope's disposal), {@link #get()} fails with
 * {@link IllegalStateException}.
 *
 * @param <T> the type of the value
 */
public final class WorkerLocal<T> implements AutoCloseable {

  private static final Logger LOG = Loggers.getLogger(WorkerLocal.class);
  private static final Set<WorkerLocal<?>> LIVE = ConcurrentHashMap.newKeySet();

  private final String name;
  private final Supplier<? extends T> factory;
  private final Consumer<? super T> closer;
  private final Map<Thread, Slot<T>> values = new ConcurrentHashMap<>();
  private volatile boolean closed;

  WorkerLocal(String name, Supplier<? extends T> factory, Consumer<? super T> closer) {
    this.name = Objects.requireNonNull(name, "name");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.closer = Objects.requireNonNull(closer, "closer");
    LIVE.add(this);
  }

  /**
   * The calling thread's value, created on its first call.
   *
   * @throws IllegalStateException after the worker-local was closed
   * @return the value of the current worker
   */
  public T get() {
    Thread current = Thread.currentThread();
    Slot<T> slot = values.get(current);
    if (slot != null) {
      return slot.value;
    }
    ensureOpen();
    releaseEndedThreads();
    T value = Objects.requireNonNull(factory.get(), () -> "factory of worker-local '" + name + "' returned null");
    values.put(current, new Slot<>(value)); // only this thread writes its own key: no race to create twice
    if (closed) { // closed while creating: do not leak the new value
      release(current);
      ensureOpen();
    }
    return value;
  }

  /**
   * How many values are alive now (one per thread that called {@link #get()} and is still tracked).
   *
   * @return the count of live values
   */
  public int size() {
    return values.size();
  }

  /**
   * The name given at creation (used in messages).
   *
   * @return the slot's name
   */
  public String name() {
    return name;
  }

  /** Closes every value; idempotent. Later {@link #get()} calls fail. */
  @Override
  public void close() {
    closed = true;
    LIVE.remove(this);
    for (Thread t : values.keySet()) {
      release(t);
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /** Called by rdal's worker threads as they end: closes their values of every live worker-local. */
  static void threadEnded(Thread thread) {
    for (WorkerLocal<?> local : LIVE) {
      local.release(thread);
    }
  }

  private void releaseEndedThreads() {
    for (Thread t : values.keySet()) {
      if (!t.isAlive()) {
        release(t);
      }
    }
  }

  /**
   * Closes the value of {@code thread}, exactly once; a concurrent call waits until it is closed, so
   * when {@link #close()} returns every value is closed, even those an ending thread was closing.
   */
  private void release(Thread thread) {
    Slot<T> slot = values.get(thread);
    if (slot == null) {
      return;
    }
    synchronized (slot) {
      if (!slot.closed) {
        slot.closed = true;
        try {
          closer.accept(slot.value);
        } catch (RuntimeException | Error e) {
          LOG.warn("closing a value of worker-local '{}' (thread {}) failed", name, thread.getName(), e);
        }
      }
    }
    values.remove(thread, slot);
  }

  /** One thread's value and whether it was closed (guarded by the slot itself). */
  private static final class Slot<T> {
    final T value;
    boolean closed;

    Slot(T value) {
      this.value = value;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("worker-local '" + name + "' is closed: its execution scope was disposed "
          + "(the operator was closed)");
    }
  }

  @Override
  public String toString() {
    return "WorkerLocal{" + name + ", values=" + values.size() + (closed ? ", closed" : "") + "}";
  }
}
