package dev.rdal.benchmarks.fs;

import dev.rdal.benchmarks.ByteSum;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The raw {@link java.nio.channels.FileChannel} loop of {@link RawFileChannel}, handed to one other thread and waited for:
 * the least any isolation of IO from the caller can cost (one hand-off there, one back), with no reactive
 * machinery. rdal under global, dedicated or custom pays this price and more, so this row is the ceiling
 * those policies can reach on the machine at hand, next to the raw reference on the caller's thread.
 *
 * <p>Parallel reads already run on the suite's reader threads (a hand-off each), so they are the raw
 * reference's: handing each over once more would measure a second hop no policy pays.
 */
final class RawHandOff implements FsImplementation {

  private final RawFileChannel raw;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "bench-hand-off");
    t.setDaemon(true);
    return t;
  });

  RawHandOff(Path root) {
    this.raw = new RawFileChannel(root);
  }

  @Override
  public void read(String name, long offset, long length, ByteSum sink) throws Exception {
    try {
      thread.submit(() -> {
        raw.read(name, offset, length, sink);
        return null;
      }).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }

  @Override
  public InputStream open(String name) throws Exception {
    return raw.open(name);
  }

  @Override
  public void write(String name, List<ByteBuffer> chunks) throws Exception {
    try {
      thread.submit(() -> {
        raw.write(name, chunks);
        return null;
      }).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }

  @Override
  public void readConcurrently(String name, long[] offsets, long length, ByteSum[] sinks,
      ExecutorService threads) throws Exception {
    raw.readConcurrently(name, offsets, length, sinks, threads);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
