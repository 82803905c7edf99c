package dev.rdal.hdfs;

import dev.rdal.scheduler.NonBlockingThreads;
import dev.rdal.scheduler.RdalSchedulers;
import java.io.Closeable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes Hadoop streams without blocking a non-blocking thread: a cancel may arrive on any thread (a
 * timeout on Reactor's parallel scheduler, a Netty event loop), and closing an HDFS stream waits for a
 * read in flight or, for an output stream, for the DataNodes' acknowledgements. There the work is handed
 * to rdal's global scheduler; elsewhere it runs inline.
 */
final class Closer {

  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  private Closer() {}

  /** Runs {@code cleanup} inline, or on the global scheduler when called on a non-blocking thread. */
  static void run(Runnable cleanup) {
    if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
      RdalSchedulers.global().schedule(cleanup);
    } else {
      cleanup.run();
    }
  }

  /** Closes {@code c} now, logging (at debug) rather than throwing a failure. */
  static void closeNow(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing {} failed", c, e);
    }
  }
}
