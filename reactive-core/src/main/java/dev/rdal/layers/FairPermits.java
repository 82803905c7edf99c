package dev.rdal.layers;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A non-blocking, first-come first-served semaphore. {@link #acquire} completes when the holder's turn
 * comes; nobody jumps the queue while others wait. A holder whose wait is cancelled leaves the queue;
 * a holder's {@link Holder#release()} acts once, whatever mix of completion, error and cancel calls it.
 *
 * <p>Grants are handed out by a drain loop, so a release that lets a waiter run synchronously (and
 * perhaps release again) never recurses: thousands of waiters on a synchronous store cost no stack.
 */
final class FairPermits {

  private static final int WAITING = 0;
  private static final int GRANTED = 1;
  private static final int DONE = 2;

  private final Object lock = new Object();
  private final ArrayDeque<Holder> queue = new ArrayDeque<>();
  private final AtomicInteger wip = new AtomicInteger();
  private final int permits;
  private int available;

  FairPermits(int permits) {
    this.permits = permits;
    this.available = permits;
  }

  /** One place in line, then one permit; made per operation. */
  final class Holder {
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private MonoSink<Void> sink;
    private volatile boolean waited;

    /** Whether this holder had to wait for its permit (and so runs on the releasing thread). */
    boolean waited() {
      return waited;
    }

    /** Gives the permit back (if it was granted) or leaves the queue (if still waiting); idempotent. */
    void release() {
      int s = state.getAndSet(DONE);
      if (s == GRANTED) {
        synchronized (lock) {
          available++;
        }
        drain();
      } else if (s == WAITING) {
        synchronized (lock) {
          queue.remove(this);
        }
      }
    }
  }

  /** A new holder; nothing happens until {@link #acquire} is subscribed. */
  Holder holder() {
    return new Holder();
  }

  /** Completes when {@code h} holds a permit; cancelling it while waiting gives up the place in line. */
  Mono<Void> acquire(Holder h) {
    return Mono.create(sink -> {
      boolean now;
      synchronized (lock) {
        h.sink = sink;
        now = available > 0 && queue.isEmpty();
        if (now) {
          available--;
        } else {
          queue.add(h);
        }
      }
      if (now) {
        if (h.state.compareAndSet(WAITING, GRANTED)) {
          sink.success();
        } else {
          synchronized (lock) {
            available++;
          }
          drain();
        }
        return;
      }
      sink.onCancel(() -> {
        if (h.state.compareAndSet(WAITING, DONE)) {
          synchronized (lock) {
            queue.remove(h);
          }
        }
      });
      drain();
    });
  }

  /** Permits free now (for tests and toString). */
  int available() {
    synchronized (lock) {
      return available;
    }
  }

  /** Holders waiting now. */
  int waiting() {
    synchronized (lock) {
      return queue.size();
    }
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      while (true) {
        Holder next;
        synchronized (lock) {
          if (available == 0 || queue.isEmpty()) {
            break;
          }
          next = queue.poll();
          available--;
        }
        if (next.state.compareAndSet(WAITING, GRANTED)) {
          next.waited = true;
          next.sink.success();
        } else {
          synchronized (lock) {
            available++;
          }
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  @Override
  public String toString() {
    return "FairPermits{" + available() + "/" + permits + " free, " + waiting() + " waiting}";
  }
}
