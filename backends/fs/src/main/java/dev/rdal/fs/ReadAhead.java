package dev.rdal.fs;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.Scheduler;

/**
 * Where and how far read bodies read ahead, and which of them do: at most {@code maxBodies} at once.
 * Reading ahead puts a second thread to work beside the one consuming, which pays only while the machine
 * has idle cores; once as many bodies are being read as half the cores, every core already has a
 * consumer and a read-ahead would only add hand-offs between threads (on 2 cores, 2 and 8 concurrent
 * readers all reading ahead came out below the same readers without read-ahead, though within the
 * benchmark's noise). A body that is not admitted reads every chunk itself, on demand. Thread-safe.
 */
final class ReadAhead {

  /** No read-ahead: every chunk is read on demand on the emitting thread. */
  static final ReadAhead NONE = new ReadAhead(null, 0, 0);

  /** The default number of bodies reading ahead at once: half the available processors, at least one. */
  static int defaultMaxBodies() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  private final Scheduler scheduler;
  private final int depth;
  private final int maxBodies;
  private final AtomicInteger reading = new AtomicInteger();

  /**
   * @param scheduler where chunks are read ahead (the execution policy's), or null for none
   * @param depth chunks read ahead of the one emitted
   * @param maxBodies bodies that may read ahead at once
   */
  ReadAhead(Scheduler scheduler, int depth, int maxBodies) {
    this.scheduler = scheduler;
    this.depth = scheduler == null ? 0 : depth;
    this.maxBodies = maxBodies;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  /** Chunks an admitted body reads ahead of the one it emits. */
  int depth() {
    return depth;
  }

  /** Admits one more body, if fewer than the limit read ahead now; each admission is {@link #leave() left} once. */
  boolean tryEnter() {
    if (depth == 0) {
      return false;
    }
    for (int n = reading.get(); n < maxBodies; n = reading.get()) {
      if (reading.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  void leave() {
    reading.decrementAndGet();
  }

  /** Bodies reading ahead now. */
  int reading() {
    return reading.get();
  }
}
