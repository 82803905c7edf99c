package dev.rdal.benchmarks.fs;

import dev.rdal.ByteRange;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import dev.rdal.benchmarks.ByteSum;
import dev.rdal.scheduler.ExecutionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * rdal's fs backend under one execution policy. Reads subscribe to {@link Operator#read} and fold each
 * chunk into the sink inside {@code onNext} (on whichever thread the policy runs IO on), then wait on
 * the benchmark thread; parallel reads are N concurrent reads merged with concurrency N, except under
 * external, where they run on N blocking caller threads like the reference.
 *
 * <p>{@code lent}: reads ask for lent buffers ({@link ReadOptions#withLentBuffers(boolean)}), the fast
 * path; otherwise each chunk is the subscriber's own (the safe default). {@code config} carries extra fs
 * backend config keys for sweeps (e.g. {@code chunk-size}), and one key of its own:
 * {@value #HOP_PREFETCH} = n moves the consumer to another thread with {@code publishOn(single, n)}, to
 * measure what a hop per chunk costs (owned buffers only: a lent buffer must not cross a hop).
 */
final class RdalFs implements FsImplementation {

  /** Benchmark-side config key: consume on another thread, behind a publishOn with this prefetch. */
  static final String HOP_PREFETCH = "hop-prefetch";

  private final Operator op;
  private final boolean external;
  private final boolean lent;
  private final Scheduler owned;
  private final Scheduler hop;
  private final int hopPrefetch;

  RdalFs(Path root, ExecutionPolicy policy, Scheduler owned, boolean lent, Map<String, String> config) {
    Map<String, String> backendConfig = new LinkedHashMap<>(config);
    String prefetch = backendConfig.remove(HOP_PREFETCH);
    this.hopPrefetch = prefetch == null ? 0 : Integer.parseInt(prefetch);
    if (hopPrefetch > 0 && lent) {
      throw new IllegalArgumentException(HOP_PREFETCH + " needs owned buffers: a lent buffer must not cross a hop");
    }
    this.op = Operator.builder("fs").config("root", root.toString()).config(backendConfig)
        .executionPolicy(policy).build();
    this.external = policy.kind() == ExecutionPolicy.Kind.EXTERNAL;
    this.lent = lent;
    this.owned = owned;
    this.hop = hopPrefetch > 0 ? Schedulers.newSingle("bench-consumer", true) : null;
  }

  private Flux<ByteBuffer> flux(String name, long offset, long length) {
    Flux<ByteBuffer> body = op.read(name, ReadOptions.range(ByteRange.of(offset, length)).withLentBuffers(lent));
    return hop == null ? body : body.publishOn(hop, hopPrefetch);
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
    if (hop != null) {
      hop.dispose();
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
