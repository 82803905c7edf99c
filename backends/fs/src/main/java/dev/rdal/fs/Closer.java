package dev.rdal.fs;

import dev.rdal.scheduler.NonBlockingThreads;
import dev.rdal.scheduler.RdalSchedulers;
import java.io.Closeable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes files at once without blocking a non-blocking thread: a cancel may arrive on any thread (a
 * timeout on Reactor's parallel scheduler, a Netty event loop), and closing a file channel may wait for
 * an IO call in flight. There the close is handed to rdal's global scheduler; elsewhere it runs inline.
 */
final class Closer {

  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  private Closer() {}

  static void close(Closeable c) {
    if (c == null) return;
    if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
      RdalSchedulers.global().schedule(() -> closeNow(c));
    } else {
      closeNow(c);
    }
  }

  /** Runs {@code cleanup} inline, or on the global scheduler when called on a non-blocking thread. */
  static void run(Runnable cleanup) {
    if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
      RdalSchedulers.global().schedule(cleanup);
    } else {
      cleanup.run();
    }
  }

  static void closeNow(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing {} failed", c, e);
    }
  }
}
