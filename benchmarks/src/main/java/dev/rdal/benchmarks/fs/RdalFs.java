package dev.rdal.benchmarks.fs;

import dev.rdal.ByteRange;
import dev.rdal.Operator;
import dev.rdal.benchmarks.ByteSum;
import dev.rdal.scheduler.ExecutionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * rdal's fs backend under one execution policy. Reads subscribe to {@link Operator#read} and fold each
 * chunk into the sink inside {@code onNext} (on whichever thread the policy runs IO on), then wait on
 * the benchmark thread; parallel reads are N concurrent reads merged with concurrency N, except under
 * external, where they run on N blocking caller threads like the reference. {@code config} carries extra
 * backend config keys (chunk size, prefetch, read mode) for sweeps.
 */
final class RdalFs implements FsImplementation {

  private final Operator op;
  private final boolean external;
  private final Scheduler owned;

  RdalFs(Path root, ExecutionPolicy policy, Scheduler owned, Map<String, String> config) {
    this.op = Operator.builder("fs").config("root", root.toString()).config(config)
        .executionPolicy(policy).build();
    this.external = policy.kind() == ExecutionPolicy.Kind.EXTERNAL;
    this.owned = owned;
  }

  private Flux<ByteBuffer> flux(String name, long offset, long length) {
    return op.read(name, ByteRange.of(offset, length));
  }

  @Override
  public void read(String name, long offset, long length, ByteSum sink) {
    flux(name, offset, length).doOnNext(sink::add).blockLast();
  }

  @Override
  public InputStream open(String name) {
    return new BuffersInputStream(op.read(name).toIterable(4).iterator());
  }

  @Override
  public void write(String name, List<ByteBuffer> chunks) {
    op.write(name, Flux.fromIterable(chunks).map(ByteBuffer::duplicate)).block();
  }

  @Override
  public void readConcurrently(String name, long[] offsets, long length, ByteSum[] sinks,
      ExecutorService threads) throws Exception {
    if (external) {
      FsImplementation.super.readConcurrently(name, offsets, length, sinks, threads);
      return;
    }
    Flux.range(0, sinks.length)
        .flatMap(i -> flux(name, offsets[i], length).doOnNext(sinks[i]::add).then(), sinks.length)
        .blockLast();
  }

  @Override
  public void close() {
    op.close();
    if (owned != null) {
      owned.dispose();
    }
  }

  /** An {@link InputStream} over a blocking iterator of buffers the subscriber owns. */
  private static final class BuffersInputStream extends InputStream {
    private final Iterator<ByteBuffer> chunks;
    private ByteBuffer current = ByteBuffer.allocate(0);

    BuffersInputStream(Iterator<ByteBuffer> chunks) {
      this.chunks = chunks;
    }

    private boolean fill() {
      while (!current.hasRemaining()) {
        if (!chunks.hasNext()) {
          return false;
        }
        current = chunks.next();
      }
      return true;
    }

    @Override
    public int read() {
      return fill() ? current.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.remaining());
      current.get(b, off, n);
      return n;
    }
  }
}
