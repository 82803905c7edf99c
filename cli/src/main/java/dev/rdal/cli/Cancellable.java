package dev.rdal.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs work to its end on the calling thread, cancelling it when the JVM is asked to stop (Ctrl-C, SIGTERM):
 * a shutdown hook disposes the work, which cancels every read and write in flight (an fs write deletes its
 * temporary file there and then; an S3 multipart upload is aborted), waits for the work to let go, and then
 * lets the JVM exit (with status 130 after Ctrl-C).
 */
final class Cancellable {

  /** How long the shutdown hook waits for cancelled work to let go. */
  static final long CANCEL_WAIT_SECONDS = 10;

  private Cancellable() {}

  /**
   * Runs {@code work} and returns when it ends; rethrows its error. When the JVM stops meanwhile,
   * {@code onInterrupt} runs in the shutdown hook after the cancel, and this method never returns.
   */
  static void run(Mono<?> work, Runnable onInterrupt) {
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Throwable> error = new AtomicReference<>();
    AtomicBoolean interrupted = new AtomicBoolean();
    Disposable running = work.doFinally(s -> done.countDown()).subscribe(v -> { }, error::set);
    Thread hook = new Thread(() -> {
      interrupted.set(true);
      running.dispose();
      try {
        done.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      onInterrupt.run();
    }, "rdal-cancel-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      done.await();
    } catch (InterruptedException e) {
      running.dispose();
      Thread.currentThread().interrupt();
      throw CliFailure.of(dev.rdal.ErrorKind.UNEXPECTED, null, "interrupted");
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      parkForever();
    }
    if (interrupted.get()) {
      parkForever();
    }
    Throwable e = error.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e != null) {
      throw new IllegalStateException(e);
    }
  }

  /** The JVM is stopping and the hook reports; this thread must neither print nor exit. */
  private static void parkForever() {
    CountDownLatch never = new CountDownLatch(1);
    while (true) {
      try {
        never.await();
      } catch (InterruptedException ignored) {
        // keep waiting for the halt
      }
    }
  }
}
