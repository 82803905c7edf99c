package dev.rdal.scheduler;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the worker threads of rdal's schedulers: daemon platform threads named {@code prefix-N} (or the
 * virtual threads of a given factory), each of which closes its {@link WorkerLocal} values as it ends, so
 * a worker evicted after its idle time takes its values with it.
 */
final class WorkerThreadFactory implements ThreadFactory {

  private final String prefix;
  private final ThreadFactory virtual;
  private final AtomicLong counter = new AtomicLong();

  private WorkerThreadFactory(String prefix, ThreadFactory virtual) {
    this.prefix = prefix;
    this.virtual = virtual;
  }

  static WorkerThreadFactory platform(String prefix) {
    return new WorkerThreadFactory(prefix, null);
  }

  static WorkerThreadFactory virtual(String prefix) {
    return new WorkerThreadFactory(prefix, VirtualThreads.factory(prefix));
  }

  @Override
  public Thread newThread(Runnable task) {
    Runnable body = () -> {
      try {
        task.run();
      } finally {
        WorkerLocal.threadEnded(Thread.currentThread());
      }
    };
    if (virtual != null) {
      return virtual.newThread(body);
    }
    Thread t = new Thread(body, prefix + "-" + counter.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  @Override
  public String toString() {
    return "WorkerThreadFactory{" + prefix + (virtual != null ? ", virtual" : "") + "}";
  }
}
