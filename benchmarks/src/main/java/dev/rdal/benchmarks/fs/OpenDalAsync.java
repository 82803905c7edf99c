package dev.rdal.benchmarks.fs;

import dev.rdal.benchmarks.ByteSum;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.opendal.AsyncOperator;

/**
 * Apache OpenDAL's Java binding, fs service, {@link AsyncOperator} (its Tokio runtime): each read is a
 * {@code CompletableFuture<byte[]>}. Every wait is bounded ({@code -Drdal.bench.opendal.timeoutSeconds},
 * default 60): a read that does not complete in time fails the benchmark with a clear message instead
 * of hanging the run.
 */
final class OpenDalAsync implements FsImplementation {

  static final long TIMEOUT_SECONDS = Long.getLong("rdal.bench.opendal.timeoutSeconds", 60);

  private final AsyncOperator op;
  private final org.apache.opendal.Operator blocking;
  private byte[] writeSource;

  OpenDalAsync(Path root) {
    this.op = AsyncOperator.of("fs", Map.of("root", root.toString()));
    this.blocking = op.blocking();
  }

  static <T> T await(CompletableFuture<T> f, String what) throws Exception {
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new IllegalStateException("OpenDAL AsyncOperator " + what + " did not complete within "
          + TIMEOUT_SECONDS + " s (heap used " + usedHeapMiB() + " MiB)", e);
    }
  }

  static long usedHeapMiB() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }

  static byte[] concat(List<ByteBuffer> chunks) {
    int size = chunks.stream().mapToInt(ByteBuffer::remaining).sum();
    byte[] out = new byte[size];
    int at = 0;
    for (ByteBuffer c : chunks) {
      int n = c.remaining();
      c.duplicate().get(out, at, n);
      at += n;
    }
    return out;
  }

  @Override
  public void read(String name, long offset, long length, ByteSum sink) throws Exception {
    byte[] bytes = await(op.read(name, offset, length), "read");
    sink.add(bytes, 0, bytes.length);
  }

  @Override
  public InputStream open(String name) {
    return blocking.createInputStream(name);
  }

  @Override
  public void write(String name, List<ByteBuffer> chunks) throws Exception {
    if (writeSource == null) {
      writeSource = concat(chunks);
    }
    await(op.write(name, writeSource), "write");
  }

  @Override
  public void readConcurrently(String name, long[] offsets, long length, ByteSum[] sinks,
      ExecutorService threads) throws Exception {
    CompletableFuture<?>[] all = new CompletableFuture<?>[sinks.length];
    for (int i = 0; i < sinks.length; i++) {
      ByteSum sink = sinks[i];
      all[i] = op.read(name, offsets[i], length).thenAccept(b -> sink.add(b, 0, b.length));
    }
    await(CompletableFuture.allOf(all), "parallel read");
  }

  @Override
  public void close() {
    blocking.close();
    op.close();
  }
}
