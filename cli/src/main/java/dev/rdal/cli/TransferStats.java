package dev.rdal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a copy has done so far, updated from any thread without locks: bytes and files done out of the
 * totals, and the files in flight. {@link ProgressView} draws it.
 */
final class TransferStats {

  /** One file being copied. */
  static final class InFlight {
    final String name;
    final long size;
    final AtomicLong done = new AtomicLong();

    InFlight(String name, long size) {
      this.name = name;
      this.size = size;
    }
  }

  private volatile long startNanos = System.nanoTime();
  private final AtomicLong totalBytes = new AtomicLong();
  private final AtomicLong totalFiles = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong filesDone = new AtomicLong();
  private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** Starts the clock of the rate and the elapsed time (planning is not transfer time). */
  void start() {
    startNanos = System.nanoTime();
  }

  void planned(long bytes) {
    totalBytes.addAndGet(bytes);
    totalFiles.incrementAndGet();
  }

  long begin(String name, long size) {
    long id = ids.incrementAndGet();
    inFlight.put(id, new InFlight(name, size));
    return id;
  }

  void advance(long id, long bytes) {
    InFlight f = inFlight.get(id);
    if (f != null) {
      f.done.addAndGet(bytes);
    }
    bytesDone.addAndGet(bytes);
  }

  /** Ends file {@code id}; a file copied without its bytes passing here (server side) counts its size now. */
  void end(long id, boolean ok) {
    InFlight f = inFlight.remove(id);
    if (ok) {
      filesDone.incrementAndGet();
      if (f != null && f.done.get() < f.size) {
        bytesDone.addAndGet(f.size - f.done.get());
      }
    }
  }

  long totalBytes() {
    return totalBytes.get();
  }

  long totalFiles() {
    return totalFiles.get();
  }

  long bytesDone() {
    return bytesDone.get();
  }

  long filesDone() {
    return filesDone.get();
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  List<InFlight> inFlight() {
    List<InFlight> out = new ArrayList<>(inFlight.values());
    out.sort((a, b) -> a.name.compareTo(b.name));
    return out;
  }
}
