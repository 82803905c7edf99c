package dev.rdal.spi;

import dev.rdal.Capabilities;
import dev.rdal.DeleteResult;
import dev.rdal.ContentRange;
import dev.rdal.ListOptions;
import dev.rdal.LocalFileRegion;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionPolicy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A {@link Backend} that forwards every call to another; layers extend it and override what they change. */
public abstract class ForwardingBackend implements Backend {

  /**
   * The backend every call goes to.
   */
  protected final Backend inner;

  /**
   * A backend forwarding to {@code inner}.
   *
   * @param inner the wrapped backend
   */
  protected ForwardingBackend(Backend inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /**
   * The wrapped backend.
   *
   * @return the wrapped backend
   */
  public Backend inner() {
    return inner;
  }

  @Override
  public String scheme() {
    return inner.scheme();
  }

  @Override
  public Capabilities capabilities() {
    return inner.capabilities();
  }

  @Override
  public boolean isBlocking() {
    return inner.isBlocking();
  }

  @Override
  public ExecutionPolicy defaultPolicy() {
    return inner.defaultPolicy();
  }

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    return inner.read(path, request);
  }

  @Override
  public Mono<PositionalReader> openReader(String path) {
    return inner.openReader(path);
  }

  @Override
  public Mono<LocalFileRegion> localFileRegion(String path, ObjectMeta version, ContentRange served) {
    return inner.localFileRegion(path, version, served);
  }

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return inner.write(path, body, options);
  }

  @Override
  public Mono<ObjectMeta> stat(String path) {
    return inner.stat(path);
  }

  @Override
  public Mono<Void> delete(String path) {
    return inner.delete(path);
  }

  @Override
  public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
    return inner.deleteBatch(paths);
  }

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return inner.list(dir, options);
  }

  @Override
  public Mono<Void> createDir(String dir) {
    return inner.createDir(dir);
  }

  @Override
  public Mono<ObjectMeta> copy(String from, String to) {
    return inner.copy(from, to);
  }

  @Override
  public Mono<Void> rename(String from, String to) {
    return inner.rename(from, to);
  }

  @Override
  public Mono<URI> presignRead(String path, Duration ttl) {
    return inner.presignRead(path, ttl);
  }

  @Override
  public Mono<URI> presignWrite(String path, Duration ttl) {
    return inner.presignWrite(path, ttl);
  }

  @Override
  public Mono<Void> close() {
    return inner.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + inner + ")";
  }
}
