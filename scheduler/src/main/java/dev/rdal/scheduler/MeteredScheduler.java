package dev.rdal.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A scheduler that counts and times the tasks of another, with the same meters as Reactor's timed
 * scheduler, named {@code rdal.scheduler.tasks.*} and tagged {@code name=<scheduler name>}:
 * <ul>
 *   <li>{@code submitted} (counter): tasks handed in;
 *   <li>{@code pending} (long task timer): tasks waiting for a thread, and for how long;
 *   <li>{@code active} (long task timer): tasks running now, and for how long;
 *   <li>{@code completed} (timer): tasks that ran, with their execution time.
 * </ul>
 * The only class of this module that touches Micrometer; it is loaded only when a registry is given.
 * Disposing it disposes the scheduler it wraps.
 */
final class MeteredScheduler implements Scheduler {

  static final String PREFIX = "rdal.scheduler.tasks.";

  private final Scheduler delegate;
  private final Counter submitted;
  private final LongTaskTimer pending;
  private final LongTaskTimer active;
  private final Timer completed;

  private MeteredScheduler(Scheduler delegate, MeterRegistry registry, String name) {
    this.delegate = delegate;
    Tags tags = Tags.of("name", name);
    this.submitted = Counter.builder(PREFIX + "submitted").tags(tags)
        .description("Tasks handed to the scheduler").register(registry);
    this.pending = LongTaskTimer.builder(PREFIX + "pending").tags(tags)
        .description("Tasks waiting for a worker thread").register(registry);
    this.active = LongTaskTimer.builder(PREFIX + "active").tags(tags)
        .description("Tasks running now").register(registry);
    this.completed = Timer.builder(PREFIX + "completed").tags(tags)
        .description("Tasks that ran, with their execution time").register(registry);
  }

  /** {@code scheduler} metered into {@code registry} (a {@code MeterRegistry}). */
  static Scheduler wrap(Scheduler scheduler, Object registry, String name) {
    return new MeteredScheduler(scheduler, (MeterRegistry) registry, name);
  }

  /** One task: pending from submission until it starts, active while it runs. */
  private final class MeteredTask implements Runnable {
    private final Runnable task;
    private final LongTaskTimer.Sample waiting;
    private final AtomicBoolean started = new AtomicBoolean();

    MeteredTask(Runnable task) {
      this.task = task;
      submitted.increment();
      this.waiting = pending.start();
    }

    @Override
    public void run() {
      if (started.compareAndSet(false, true)) {
        waiting.stop();
      }
      LongTaskTimer.Sample running = active.start();
      long start = System.nanoTime();
      try {
        task.run();
      } finally {
        running.stop();
        completed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    }

    /** The task will never run (refused or cancelled before it started). */
    void abandon() {
      if (started.compareAndSet(false, true)) {
        waiting.stop();
      }
    }

    Disposable track(Disposable handle) {
      return new Disposable() {
        @Override
        public void dispose() {
          handle.dispose();
          abandon();
        }

        @Override
        public boolean isDisposed() {
          return handle.isDisposed();
        }
      };
    }
  }

  private interface Submission {
    Disposable submit(Runnable task);
  }

  private Disposable metered(Runnable task, Submission submission) {
    MeteredTask metered = new MeteredTask(task);
    try {
      return metered.track(submission.submit(metered));
    } catch (RuntimeException e) {
      metered.abandon();
      throw e;
    }
  }

  @Override
  public Disposable schedule(Runnable task) {
    return metered(task, delegate::schedule);
  }

  @Override
  public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
    return metered(task, t -> delegate.schedule(t, delay, unit));
  }

  @Override
  public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
    return delegate.schedulePeriodically(() -> new MeteredTask(task).run(), initialDelay, period, unit);
  }

  @Override
  public long now(TimeUnit unit) {
    return delegate.now(unit);
  }

  @Override
  public Worker createWorker() {
    Worker worker = delegate.createWorker();
    return new Worker() {
      @Override
      public Disposable schedule(Runnable task) {
        return metered(task, worker::schedule);
      }

      @Override
      public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return metered(task, t -> worker.schedule(t, delay, unit));
      }

      @Override
      public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return worker.schedulePeriodically(() -> new MeteredTask(task).run(), initialDelay, period, unit);
      }

      @Override
      public void dispose() {
        worker.dispose();
      }

      @Override
      public boolean isDisposed() {
        return worker.isDisposed();
      }
    };
  }

  @Override
  public void init() {
    delegate.init();
  }

  @Override
  @SuppressWarnings("deprecation")
  public void start() {
    delegate.start();
  }

  @Override
  public void dispose() {
    delegate.dispose();
  }

  @Override
  public Mono<Void> disposeGracefully() {
    return delegate.disposeGracefully();
  }

  @Override
  public boolean isDisposed() {
    return delegate.isDisposed();
  }

  @Override
  public String toString() {
    return "metered(" + delegate + ")";
  }
}
