package dev.rdal.spi;

import dev.rdal.Capabilities;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.DeleteResult;
import dev.rdal.ListOptions;
import dev.rdal.LocalFileRegion;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.ExecutionScope;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service-author SPI: one storage service behind rdal's API. The {@link dev.rdal.Operator} calls it
 * with normalised paths (see {@link dev.rdal.Paths}), after checking {@link #capabilities()}; layers
 * wrap it; the execution policy decides on which threads its methods run.
 *
 * <p>Contract for implementers:
 * <ul>
 *   <li>Nothing happens before subscription; every method returns a cold {@code Mono}/{@code Flux}.
 *   <li>Failures are signalled as {@link RdalException}s with the right {@link dev.rdal.ErrorKind};
 *       connection drops and 5xx answers are marked temporary.
 *   <li>A blocking backend ({@link #isBlocking()}) may block in any method and in {@code request(n)}
 *       of the streams it returns; the operator runs it on its policy's threads. It must do its IO in
 *       {@code request(n)} (a pull source such as {@code Flux.generate}), never in a loop that ignores
 *       demand.
 *   <li>A non-blocking backend never blocks; its streams may emit from its client's threads.
 *   <li>Reads serve ranges with HTTP semantics ({@link Ranges#serve}); the operator applies the range
 *       policy, heals unsatisfiable ranges and resumes short bodies.
 *   <li>Writes are atomic in what others see: until the returned {@code Mono} succeeds nobody sees new
 *       bytes, and a failed or cancelled write leaves no object and no partial bytes.
 *   <li>Cancelling any stream releases the files and connections it holds at once.
 * </ul>
 */
public interface Backend {

  /**
   * The scheme this backend serves ({@code memory}, {@code fs}, {@code s3}, ...).
   *
   * @return the scheme
   */
  String scheme();

  /**
   * What this backend can do; operations outside it are refused by the operator.
   *
   * @return the capabilities
   */
  Capabilities capabilities();

  /**
   * Whether its methods block the calling thread (local files, HDFS).
   *
   * @return true when its IO blocks the calling thread
   */
  boolean isBlocking();

  /**
   * The execution policy an operator uses when its builder names none. The default is
   * {@link ExecutionPolicy#global()} for blocking backends and {@link ExecutionPolicy#external()} for
   * non-blocking ones; a backend whose calls may stall for long (a remote blocking client) returns a
   * dedicated policy so that it cannot starve other backends of the global scheduler.
   *
   * @return the policy to use when none is given; never null
   */
  default ExecutionPolicy defaultPolicy() {
    return isBlocking() ? ExecutionPolicy.global() : ExecutionPolicy.external();
  }

  /**
   * Called once by the operator, before any other call, with the execution scope its IO runs under. A
   * backend keeps it to make per-worker-thread values ({@link ExecutionScope#workerLocal}: a client or a
   * reusable buffer per IO thread), which the scope closes when the operator closes. The default ignores it.
   *
   * @param scope the operator's execution scope
   */
  default void attach(ExecutionScope scope) {
  }

  /**
   * Reads {@code request.range()} of a file. Emits the metadata, the served range and a body that may be
   * subscribed once. Missing path: {@code NOT_FOUND}; a directory: {@code IS_A_DIRECTORY}; a range with no
   * existing first byte: {@code RANGE_NOT_SATISFIABLE} carrying the size when known.
   *
   * @param path the normalized path
   * @param request range, policy, conditions, buffer ownership
   * @return the metadata, served range and body
   */
  Mono<ReadResult> read(String path, ReadRequest request);

  /**
   * The served range of a read as a region of a local file ({@link LocalFileRegion}), for servers that send
   * files without copying. Only backends whose objects are local files offer one; the default offers none
   * (an empty {@code Mono}). A backend that offers regions emits one only when the object at {@code path}
   * is still {@code version} (same size and ETag), fixed to that version until the region is closed, and
   * completes empty otherwise, so the caller falls back to the read's body.
   *
   * @param path the normalised path that was read
   * @param version the object's metadata as the read reported it
   * @param served the range the read served (not {@link ContentRange#isUnsatisfied() unsatisfied})
   * @return the region, or empty
   */
  default Mono<LocalFileRegion> localFileRegion(String path, ObjectMeta version, ContentRange served) {
    return Mono.empty();
  }

  /**
   * Opens a handle for positional reads; see {@link PositionalReader}.
   *
   * @param path the normalized path
   * @return an open reader
   */
  default Mono<PositionalReader> openReader(String path) {
    return Mono.error(RdalException.unsupported(scheme(), "openReader", Capability.POSITIONAL_READ));
  }

  /**
   * Writes {@code body} to a file, atomically in what others see; emits the written object's metadata.
   * The body is subscribed once; its buffers may be reused by the producer after {@code onNext} returns.
   *
   * @param path the normalized path
   * @param body the bytes
   * @param options content type, metadata, conditions
   * @return the written object's metadata
   */
  Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options);

  /**
   * The metadata of a file or directory ({@code NOT_FOUND} when missing).
   *
   * @param path the normalized path
   * @return its metadata
   */
  Mono<ObjectMeta> stat(String path);

  /**
   * Deletes a file or an empty directory; a missing path completes normally; a directory with entries is
   * {@code INVALID_INPUT}.
   *
   * @param path the normalized path
   * @return completes once deleted
   */
  Mono<Void> delete(String path);

  /**
   * Deletes many paths, emitting one result per path in any order. The default deletes them one by one
   * with a small concurrency; stores with a batch call override it.
   *
   * @param paths normalized paths
   * @return one result per path
   */
  default Flux<DeleteResult> deleteBatch(Flux<String> paths) {
    return paths.flatMap(p -> delete(p)
        .thenReturn(new DeleteResult(p, null))
        .onErrorResume(RdalException.class, e -> Mono.just(new DeleteResult(p, e))), 4, 1);
  }

  /**
   * Streams the entries of a directory, lazily (never gathering a listing in memory), in ascending
   * UTF-8 byte order of their full paths ({@link dev.rdal.PathOrder}: the order S3, GCS and Azure list
   * in, which differs from {@link String#compareTo} for U+E000–U+FFFF against characters beyond U+FFFF),
   * recursive listings included (so {@code a-b} comes before {@code a/} and its entries, as '-' sorts
   * before '/'). Directories end with {@code /}; the listed directory itself is not an entry.
   * {@link ListOptions#startAfter()} skips every path up to and including it in that order. A missing
   * directory lists empty; a file path is {@code NOT_A_DIRECTORY}.
   *
   * @param dir the normalized directory
   * @param options recursion, start and limit
   * @return the entries
   */
  Flux<ObjectMeta> list(String dir, ListOptions options);

  /**
   * Creates a directory and its missing parents; an existing directory is fine.
   *
   * @param dir the normalized directory
   * @return completes once it exists
   */
  Mono<Void> createDir(String dir);

  /**
   * Copies a file; overwrites the target; emits the target's metadata.
   *
   * @param from the normalized source
   * @param to the normalized target
   * @return the copy's metadata
   */
  default Mono<ObjectMeta> copy(String from, String to) {
    return Mono.error(RdalException.unsupported(scheme(), "copy", Capability.COPY));
  }

  /**
   * Moves a file; overwrites the target.
   *
   * @param from the normalized source
   * @param to the normalized target
   * @return completes once moved
   */
  default Mono<Void> rename(String from, String to) {
    return Mono.error(RdalException.unsupported(scheme(), "rename", Capability.RENAME));
  }

  /**
   * A URL that lets a plain HTTP client GET the object until {@code ttl} passes.
   *
   * @param path the normalized path
   * @param ttl how long the URL works
   * @return the URL
   */
  default Mono<URI> presignRead(String path, Duration ttl) {
    return Mono.error(RdalException.unsupported(scheme(), "presignRead", Capability.PRESIGN));
  }

  /**
   * A URL that lets a plain HTTP client PUT the object until {@code ttl} passes.
   *
   * @param path the normalized path
   * @param ttl how long the URL works
   * @return the URL
   */
  default Mono<URI> presignWrite(String path, Duration ttl) {
    return Mono.error(RdalException.unsupported(scheme(), "presignWrite", Capability.PRESIGN));
  }

  /**
   * Releases clients, pools and handles; idempotent.
   *
   * @return completes once closed
   */
  default Mono<Void> close() {
    return Mono.empty();
  }
}
