package dev.rdal.cli;

import dev.rdal.ByteRange;
import dev.rdal.Capability;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The bytes of a file to copy. A large object of a remote store is read as {@link CliDefaults#PARALLEL_READS}
 * ranged reads at once, each part gathered into one buffer and emitted in order (pinned to the object's
 * ETag where the store allows it), so a download is not bound to one connection's speed while memory stays
 * bounded. Anything else is one streamed read.
 */
final class SourceBodies {

  private SourceBodies() {}

  static Flux<ByteBuffer> of(Operator op, ObjectMeta meta, String path) {
    if (!parallel(op, meta)) {
      return op.read(path);
    }
    long size = meta.size();
    int parts = (int) ((size + CliDefaults.PART_SIZE - 1) / CliDefaults.PART_SIZE);
    ReadOptions base = ReadOptions.defaults().withLentBuffers(true);
    if (meta.etag() != null && op.capabilities().has(Capability.CONDITIONAL_READ)) {
      base = base.withIfMatch(meta.etag());
    }
    ReadOptions options = base;
    return Flux.range(0, parts).flatMapSequential(i -> {
      long offset = (long) i * CliDefaults.PART_SIZE;
      int length = (int) Math.min(CliDefaults.PART_SIZE, size - offset);
      return part(op, path, options.withRange(ByteRange.of(offset, length)), length);
    }, CliDefaults.PARALLEL_READS, 1);
  }

  private static Mono<ByteBuffer> part(Operator op, String path, ReadOptions options, int length) {
    return Mono.defer(() -> {
      ByteBuffer acc = ByteBuffer.allocate(length);
      // lent buffers are valid while onNext runs: copied into the part's buffer right there
      return op.read(path, options).doOnNext(acc::put).then(Mono.fromCallable(acc::flip));
    });
  }

  static boolean parallel(Operator op, ObjectMeta meta) {
    String scheme = op.scheme();
    return meta.size() >= CliDefaults.PARALLEL_READ_THRESHOLD && !"fs".equals(scheme) && !"memory".equals(scheme)
        && op.capabilities().has(Capability.RANGE_READ);
  }
}
