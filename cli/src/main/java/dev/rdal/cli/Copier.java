package dev.rdal.cli;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.WriteOptions;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Copies planned {@link Transfer}s, {@code transfers} files at once. Within one remote store with a copy
 * capability the store copies (no bytes pass here) unless streaming is asked for; otherwise the source is
 * read and written as a stream with backpressure, so memory stays bounded whatever the size. A write is
 * atomic: a failed or cancelled copy leaves no partial object at its target. With {@code checksum}, the
 * target is read back and its CRC32C compared with the source's.
 */
final class Copier {

  private final Stores stores;
  private final CopyOptions options;
  private final TransferStats stats;

  Copier(Stores stores, CopyOptions options, TransferStats stats) {
    this.stores = stores;
    this.options = options;
    this.stats = stats;
  }

  Mono<Void> copyAll(List<Transfer> transfers) {
    return Flux.fromIterable(transfers).flatMap(this::copy, Math.max(1, options.transfers()), 1).then();
  }

  Mono<Void> copy(Transfer t) {
    return Mono.defer(() -> {
      Operator src = stores.operator(t.source());
      Operator dst = stores.operator(t.target());
      long id = stats.begin(t.source().display(), t.meta().size());
      CRC32C sourceCrc = new CRC32C();
      Mono<?> work;
      boolean serverSide = t.source().sameStore(t.target()) && !options.streaming() && !isLocal(src)
          && src.capabilities().has(Capability.COPY);
      if (serverSide) {
        work = src.copy(t.source().path(), t.target().path());
      } else {
        Flux<ByteBuffer> body = SourceBodies.of(src, t.meta(), t.source().path())
            .doOnNext(b -> {
              if (options.checksum()) {
                sourceCrc.update(b.duplicate());
              }
              stats.advance(id, b.remaining());
            });
        WriteOptions w = t.meta().contentType() != null
            ? WriteOptions.defaults().withContentType(t.meta().contentType()) : WriteOptions.defaults();
        work = dst.write(t.target().path(), body, w);
      }
      Mono<Void> done = work.then();
      if (options.checksum()) {
        Mono<Long> sourceSum = serverSide ? crc(src, t.source().path()) : Mono.fromCallable(sourceCrc::getValue);
        Mono<Long> targetSum = crc(dst, t.target().path()).onErrorMap(e -> CliFailure.at(t.target().display(), e));
        done = done.then(Mono.defer(() -> sourceSum.flatMap(s -> targetSum.flatMap(c -> s.equals(c)
            ? Mono.<Void>empty()
            : Mono.error(CliFailure.of(ErrorKind.UNEXPECTED, t.target().display(), String.format(
                "checksum mismatch: source crc32c %08x, copy %08x", s, c)))))));
      }
      return done
          .doOnSuccess(v -> stats.end(id, true))
          .doOnError(e -> stats.end(id, false))
          .doOnCancel(() -> stats.end(id, false))
          .onErrorMap(e -> CliFailure.at(locationOf(e, t), e));
    });
  }

  /** Local stores stream: as fast as their own copy here, with progress, checksums and a prompt cancel. */
  private static boolean isLocal(Operator op) {
    return "fs".equals(op.scheme()) || "memory".equals(op.scheme());
  }

  private static String locationOf(Throwable e, Transfer t) {
    if (e instanceof RdalException r && ("write".equals(r.operation()) || "createDir".equals(r.operation()))) {
      return t.target().display();
    }
    return t.source().display();
  }

  private static Mono<Long> crc(Operator op, String path) {
    return Mono.defer(() -> {
      CRC32C crc = new CRC32C();
      return op.read(path, ReadOptions.defaults().withLentBuffers(true))
          .doOnNext(b -> crc.update(b.duplicate()))
          .then(Mono.fromCallable(crc::getValue));
    });
  }
}
