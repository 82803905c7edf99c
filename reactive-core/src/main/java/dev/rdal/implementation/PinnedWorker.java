package dev.rdal.implementation;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * One worker of a scheduler, seen as a scheduler: everything scheduled on it runs on that worker, in
 * order. A read of a blocking backend opens its file and then runs its body on one such worker, so the
 * body is subscribed on the thread that has just opened the file, queued behind it, without waking a
 * second thread; requests and reads still run only on that worker.
 *
 * <p>The workers it hands out ({@link #createWorker()}) are views: disposing one refuses further tasks
 * through it but leaves the pinned worker running. The pinned worker is disposed once, by
 * {@link #release()}, when the read no longer needs it. Thread-safe.
 */
final class PinnedWorker implements Scheduler {

  private final Worker worker;
  private final AtomicBoolean released = new AtomicBoolean();
  /** The thread running one of this worker's tasks, or null between tasks (they run one at a time). */
  private volatile Thread running;

  PinnedWorker(Worker worker) {
    this.worker = worker;
  }

  @Override
  public Disposable schedule(Runnable task) {
    return worker.schedule(tracked(task));
  }

  @Override
  public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
    return worker.schedule(tracked(task), delay, unit);
  }

  /** Whether the calling thread is running one of this worker's tasks right now. */
  boolean isRunningOnCurrentThread() {
    return running == Thread.currentThread();
  }

  private Runnable tracked(Runnable task) {
    return () -> {
      running = Thread.currentThread();
      try {
        task.run();
      } finally {
        running = null;
      }
    };
  }

  @Override
  public Worker createWorker() {
    return new View();
  }

  /**
   * Disposes the pinned worker once the tasks queued on it before this call have run; later calls do
   * nothing. The disposal runs as a task of the worker itself, so it never interrupts a task that is
   * running there (disposing a worker from another thread would interrupt its running task, and with it
   * a file read in progress).
   */
  void release() {
    if (released.compareAndSet(false, true)) {
      try {
        worker.schedule(worker::dispose);
      } catch (RejectedExecutionException alreadyDisposed) {
        // the scheduler is gone, and the worker with it
      }
    }
  }

  @Override
  public boolean isDisposed() {
    return worker.isDisposed();
  }

  /** A worker that schedules on the pinned one until it is itself disposed. */
  private final class View implements Worker {
    private volatile boolean disposed;

    @Override
    public Disposable schedule(Runnable task) {
      if (disposed) {
        throw Exceptions.failWithRejected();
      }
      return worker.schedule(tracked(task));
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
      if (disposed) {
        throw Exceptions.failWithRejected();
      }
      return worker.schedule(tracked(task), delay, unit);
    }

    @Override
    public void dispose() {
      disposed = true;
    }

    @Override
    public boolean isDisposed() {
      return disposed || worker.isDisposed();
    }
  }
}
