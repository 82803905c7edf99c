package dev.rdal.hdfs;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stream a backend has open right now (read bodies, positional readers, writes in flight), so that
 * closing the backend closes them all before it closes its {@code FileSystem}. A stream registers when
 * it opens and deregisters when it closes; registering after {@link #closeAll()} closes the stream at
 * once and reports it.
 */
final class OpenStreams {

  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Registers {@code c}; false (and {@code c} closed) when the backend is already closed. */
  boolean add(Closeable c) {
    open.add(c);
    if (closed) {
      open.remove(c);
      Closer.closeNow(c);
      return false;
    }
    return true;
  }

  /** Deregisters {@code c} (it was closed by its owner). */
  void remove(Closeable c) {
    open.remove(c);
  }

  /** Closes every registered stream; later registrations are refused. */
  void closeAll() {
    closed = true;
    for (Closeable c : new ArrayList<>(open)) {
      Closer.closeNow(c);
      open.remove(c);
    }
  }

  /** How many are open now (for leak checks). */
  int count() {
    return open.size();
  }
}
