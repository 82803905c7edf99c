package dev.rdal.benchmarks.fs;

import dev.rdal.benchmarks.ByteSum;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One way of reading and writing local files, measured by the fs suites. Every method blocks the
 * calling (benchmark) thread until the work is done and feeds every byte read to the given
 * {@link ByteSum}, so all implementations do the same work per byte. File names are relative to the
 * implementation's root directory.
 */
public interface FsImplementation extends AutoCloseable {

  /** Reads {@code length} bytes of {@code name} from {@code offset} into {@code sink}. */
  void read(String name, long offset, long length, ByteSum sink) throws Exception;

  /** Opens the whole file as a stream, for reading through a buffered reader. */
  InputStream open(String name) throws Exception;

  /** Writes {@code chunks} (read-only slices, in order) as {@code name}, replacing it. */
  void write(String name, List<ByteBuffer> chunks) throws Exception;

  /**
   * Reads {@code sinks.length} ranges of {@code length} bytes at {@code offsets} concurrently, range i
   * into {@code sinks[i]}. The default runs one blocking {@link #read} per range on {@code threads};
   * implementations with their own concurrency (reactive, async) override it.
   */
  default void readConcurrently(String name, long[] offsets, long length, ByteSum[] sinks,
      ExecutorService threads) throws Exception {
    @SuppressWarnings("unchecked")
    Future<Void>[] done = new Future[sinks.length];
    for (int i = 0; i < sinks.length; i++) {
      int r = i;
      done[i] = threads.submit(() -> {
        read(name, offsets[r], length, sinks[r]);
        return null;
      });
    }
    for (Future<Void> f : done) {
      f.get();
    }
  }

  @Override
  void close() throws Exception;
}
