package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** One worker seen as a scheduler: one thread, in order; views that do not dispose it; a release that never interrupts. */
class PinnedWorkerTest {

  private Scheduler io;

  @BeforeEach
  void setUp() {
    io = Schedulers.newBoundedElastic(4, 100, "pin");
  }

  @AfterEach
  void tearDown() {
    io.dispose();
  }

  @Test
  void everythingScheduledThroughItOrItsViewsRunsOnOneThreadInOrder() throws Exception {
    PinnedWorker pinned = new PinnedWorker(io.createWorker());
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(6);
    for (int i = 0; i < 3; i++) {
      int n = i;
      pinned.schedule(() -> {
        ran.add(Thread.currentThread().getName() + "#" + (2 * n));
        done.countDown();
      });
      pinned.createWorker().schedule(() -> {
        ran.add(Thread.currentThread().getName() + "#" + (2 * n + 1));
        done.countDown();
      });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    String thread = ran.get(0).substring(0, ran.get(0).indexOf('#'));
    assertThat(thread).startsWith("pin-");
    assertThat(ran).containsExactly(thread + "#0", thread + "#1", thread + "#2", thread + "#3", thread + "#4", thread + "#5");
    pinned.release();
  }

  @Test
  void disposingAViewRefusesTasksThroughItButLeavesTheWorkerRunning() throws Exception {
    PinnedWorker pinned = new PinnedWorker(io.createWorker());
    reactor.core.scheduler.Scheduler.Worker view = pinned.createWorker();
    view.dispose();
    assertThat(view.isDisposed()).isTrue();
    assertThatThrownBy(() -> view.schedule(() -> {})).isInstanceOf(RejectedExecutionException.class);
    CountDownLatch ran = new CountDownLatch(1);
    pinned.schedule(ran::countDown);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pinned.isDisposed()).isFalse();
    pinned.release();
  }

  @Test
  void releaseWaitsForTheRunningTaskAndNeverInterruptsIt() throws Exception {
    PinnedWorker pinned = new PinnedWorker(io.createWorker());
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    pinned.schedule(() -> {
      running.countDown();
      try {
        finish.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
      interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
      finished.countDown();
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    pinned.release(); // from another thread, while the task runs
    pinned.release(); // idempotent
    assertThat(pinned.isDisposed()).isFalse();
    finish.countDown();
    assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).isFalse();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!pinned.isDisposed() && System.nanoTime() < deadline) {
      Thread.yield(); // disposal runs as the worker's own task: nothing to wait on but its state
    }
    assertThat(pinned.isDisposed()).isTrue();
    assertThatThrownBy(() -> pinned.schedule(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }
}
