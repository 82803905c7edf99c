package dev.rdal.fs;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.scheduler.Scheduler;

/**
 * The one loop that reads one body's chunks ahead: chunks handed to it ({@link #submit}) are read in
 * order by a single task on the read-ahead scheduler, which stays on its thread while the body keeps
 * handing it work. A task per chunk would wake a parked thread per chunk, and waking a thread (a futex
 * wake, on a virtual machine an interrupt to an idle CPU) cost the waker about as much as reading the
 * chunk; the lane wakes a thread only when it starts, and again only after it has gone idle.
 *
 * <p>Once the lane finds no work it keeps polling for {@link #LINGER_NANOS} (the consumer hands it the
 * next chunk each time it emits one), then ends its task; the next {@link #submit} schedules a new one.
 * {@link #close()} ends the loop at once. The chunks are {@link ChunkRead}s: whichever thread claims one
 * first reads it, so a chunk the lane has not reached yet is read by the body itself when it needs it,
 * and a lane that never runs (a saturated or shut-down scheduler) costs nothing but its submission.
 *
 * <p>Thread-safe: one thread submits, one runs the loop at a time.
 */
final class ReadAheadLane implements Runnable {

  /**
   * How long an idle lane keeps polling for the next chunk before it ends its task: longer than a
   * consumer takes to fold a 1 MiB chunk, short enough that a lane behind a slow subscriber gives its
   * thread back within a fraction of a millisecond.
   */
  static final long LINGER_NANOS = 200_000;

  private final Scheduler scheduler;
  private final ConcurrentLinkedQueue<ChunkRead> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean closed;

  ReadAheadLane(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Queues {@code chunk} to be read ahead, starting the lane's task if it is not running.
   *
   * @throws java.util.concurrent.RejectedExecutionException when the scheduler refuses the task; the
   *     chunk stays unclaimed, so the body reads it itself
   */
  void submit(ChunkRead chunk) {
    queue.offer(chunk);
    if (!running.get() && running.compareAndSet(false, true)) {
      try {
        scheduler.schedule(this);
      } catch (RuntimeException e) {
        running.set(false);
        throw e;
      }
    }
  }

  /** Ends the loop: the lane reads no further chunk (one being read is finished by its thread). */
  void close() {
    closed = true;
    queue.clear();
  }

  /** Whether the lane's task is scheduled or running (for tests). */
  boolean isRunning() {
    return running.get();
  }

  @Override
  public void run() {
    do {
      drain();
      running.set(false);
      // a chunk submitted after the last poll but before running was cleared found the lane running
    } while (!closed && !queue.isEmpty() && running.compareAndSet(false, true));
  }

  private void drain() {
    long idleSince = System.nanoTime();
    while (!closed) {
      ChunkRead next = queue.poll();
      if (next != null) {
        next.run();
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince < LINGER_NANOS) {
        Thread.onSpinWait();
      } else {
        return;
      }
    }
  }
}
