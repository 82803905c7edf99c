package dev.rdal.s3;

import dev.rdal.ByteRange;
import dev.rdal.Capabilities;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.DeleteResult;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.scheduler.ExecutionScope;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Amazon S3 and S3-compatible stores, on the SDK's {@link S3AsyncClient} over its Netty HTTP client.
 * Non-blocking: every call returns at once and completes on the SDK's threads (its Netty event loop for
 * bodies, its response executor for the rest); the operator's execution policy hands results and chunks on
 * from there.
 *
 * <p><b>Reads</b> are ranged GETs ({@code Range: bytes=...}, with If-Match / If-None-Match when asked).
 * Every read reports the served {@link ContentRange} parsed from the response's {@code Content-Range}, or
 * synthesised from {@code Content-Length} for a whole-object 200. A 416 is {@code RANGE_NOT_SATISFIABLE},
 * carrying the size when the answer states it ({@code Content-Range: bytes *}{@code /size}); the operator
 * then clamps or refuses by range policy, statting the object when the size is missing (S3 itself and
 * S3Proxy send none). Whole-object reads send no Range header, so an empty object reads as empty
 * ({@code bytes *}{@code /0}) where S3 would answer {@code bytes=0-} with 416. Empty ranges, which HTTP
 * cannot express, are answered from a HEAD. A connection that drops mid-body fails the body with a
 * temporary {@code UNEXPECTED} error, which the operator resumes from the last byte, pinned to the ETag.
 * The SDK's Netty client was seen to end neither with an error nor with completion when the server closed
 * the connection mid-body (SDK 2.40.2, Netty 4.1 and 4.2 alike), so a body that receives no chunk for
 * {@code read_timeout} while more was asked for fails the same way (see {@link StallGuard}).
 *
 * <p><b>Buffers.</b> The SDK's Netty client copies each received chunk into a fresh heap
 * {@link ByteBuffer} and releases the Netty buffer itself before handing it on, so the buffers a read
 * emits belong to the subscriber, may cross threads and may be kept; no Netty buffer is ever exposed.
 *
 * <p><b>Writes</b>: see {@link S3Writer} (single PUT below the part size, multipart above it, memory
 * bounded to {@code (upload_concurrency + 1) × part_size}, aborted on error or cancel).
 *
 * <p><b>Directories</b> are key prefixes. A directory exists when a key lies below it or a zero-byte
 * {@code dir/} marker exists; {@link #createDir} writes such a marker. {@link #rename} is a copy then a
 * delete, not atomic: a failure between the two leaves both objects, and readers may see both.
 * {@link #copy} uses CopyObject, so it is limited to sources of at most 5 GiB.
 *
 * <p><b>Clients.</b> One shared client by default; with {@code client_per_worker} and a policy with IO
 * threads, one client per worker thread of that policy, all on one event loop group (see
 * {@link S3ClientSource}). Closing the backend closes every client and their threads.
 *
 * <p>Capabilities: everything but append (S3 objects cannot be appended to).
 */
public final class S3Backend implements Backend {

  /** Keys per DeleteObjects call: S3's maximum. */
  public static final int DELETE_BATCH = 1000;

  private final S3Settings settings;
  private final S3ClientSource clients;
  private final S3Presigner presigner;
  private final String bucket;
  private final S3Keys keys;
  private final S3Writer writer;
  private final S3Listing listing;
  private final S3PathRules rules;
  private final S3Writer.BufferGauge gauge = new S3Writer.BufferGauge();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicLong openBodies = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong openReaders = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong getRequests = new java.util.concurrent.atomic.AtomicLong();

  S3Backend(S3Settings settings) {
    this.settings = settings;
    this.clients = new S3ClientSource(settings);
    this.presigner = S3Clients.presigner(settings, clients.region());
    this.bucket = settings.bucket();
    this.keys = new S3Keys(settings.root());
    this.writer = new S3Writer(clients, bucket, keys, settings.partSize(), settings.uploadConcurrency(), gauge);
    this.listing = new S3Listing(clients, bucket, keys, settings.pageSize(), settings.listingUrlEncoding());
    this.rules = new S3PathRules(clients, bucket, keys, settings.pathChecks());
  }

  @Override
  public String scheme() {
    return "s3";
  }

  /**
   * Everything but append; without {@code conditional_writes} also without if-not-exists, for stores that
   * do not enforce {@code If-None-Match: *} on writes. Paths are limited to what a key of
   * {@link S3Keys#MAX_KEY_BYTES} leaves after the root prefix.
   */
  @Override
  public Capabilities capabilities() {
    Capabilities all = Capabilities.all().withMaxPathBytes(keys.maxPathBytes());
    return settings.conditionalWrites()
        ? all.without(Capability.APPEND)
        : all.without(Capability.APPEND, Capability.WRITE_IF_NOT_EXISTS);
  }

  @Override
  public boolean isBlocking() {
    return false;
  }

  /** With {@code client_per_worker}, requests issued on the scope's worker threads use one client per thread. */
  @Override
  public void attach(ExecutionScope scope) {
    clients.attach(scope);
  }

  /**
   * Read bodies whose response arrived and that have not yet completed, failed or been cancelled: each holds
   * one HTTP connection of the client (for tests that check reads release what they hold).
   */
  long openBodies() {
    return openBodies.get();
  }

  /** GET requests issued so far (for tests that count resumes). */
  long getRequests() {
    return getRequests.get();
  }

  /** Positional readers opened and not yet closed. */
  long openReaders() {
    return openReaders.get();
  }

  /** What aborts this backend's multipart uploads (for tests that watch it). */
  S3UploadAborts uploadAborts() {
    return writer.aborts();
  }

  /** The bytes writes hold in memory now and at peak (for tests of the documented bound). */
  S3Writer.BufferGauge writeBuffers() {
    return gauge;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    ByteRange range = request.range();
    String rangeHeader = range.toHttpHeader();
    if (rangeHeader == null && !range.isAll()) {
      // An empty range: HTTP cannot ask for it, so the size comes from a HEAD.
      return head(path, request.ifMatch(), request.ifNoneMatch(), "read")
          .map(meta -> new ReadResult(meta, Ranges.serve(range, meta.size()), Flux.<ByteBuffer>empty()));
    }
    GetObjectRequest get = GetObjectRequest.builder()
        .bucket(bucket).key(keys.key(path))
        .range(rangeHeader)
        .ifMatch(request.ifMatch())
        .ifNoneMatch(request.ifNoneMatch())
        .build();
    return Mono.fromFuture(() -> {
          getRequests.incrementAndGet();
          return clients.current().getObject(get, AsyncResponseTransformer.toPublisher());
        })
        .onErrorResume(e -> S3Errors.status(e) == 404, e -> notFoundOrDirectory(path, e, "read"))
        .onErrorMap(e -> S3Errors.map(e, "read", path))
        .map(response -> result(path, response));
  }

  private ReadResult result(String path, ResponsePublisher<GetObjectResponse> response) {
    GetObjectResponse r = response.response();
    ContentRange served;
    try {
      served = r.contentRange() != null
          ? ContentRange.parse(r.contentRange())
          : ContentRange.whole(r.contentLength() == null ? 0 : r.contentLength());
    } catch (RdalException e) {
      discard(response);
      throw e.withContext("s3", "read", path);
    }
    long size = served.isSizeKnown() ? served.size() : served.length();
    ObjectMeta meta = new ObjectMeta(path, false, size, r.lastModified(), r.eTag(), r.contentType(), r.metadata());
    openBodies.incrementAndGet();
    AtomicBoolean released = new AtomicBoolean();
    Flux<ByteBuffer> body = StallGuard.guard(Flux.from(response), settings.readTimeout())
        .doFinally(signal -> {
          if (released.compareAndSet(false, true)) openBodies.decrementAndGet();
        })
        .onErrorMap(e -> S3Errors.map(e, "read", path));
    return new ReadResult(meta, served, body);
  }

  private static void discard(ResponsePublisher<GetObjectResponse> response) {
    Flux.from(response).subscribe(new reactor.core.publisher.BaseSubscriber<ByteBuffer>() {
      @Override
      protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
        s.cancel();
      }
    });
  }

  @Override
  public Mono<PositionalReader> openReader(String path) {
    return head(path, null, null, "openReader").map(meta -> {
      openReaders.incrementAndGet();
      return new S3PositionalReader(this, path, meta, openReaders::decrementAndGet);
    });
  }

  // ------------------------------------------------------------------ writes

  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return Mono.defer(() -> rules.checkFileTarget(path, "write").then(writer.write(path, body, options)));
  }

  // ------------------------------------------------------------------ metadata

  @Override
  public Mono<ObjectMeta> stat(String path) {
    if (Paths.ROOT.equals(path)) {
      return Mono.just(ObjectMeta.directory(Paths.ROOT, null));
    }
    if (Paths.isDirectory(path)) {
      return directoryStat(path).switchIfEmpty(Mono.defer(() -> objectExists(Paths.asFile(path))
          .flatMap(file -> Mono.error(file
              ? RdalException.builder(ErrorKind.NOT_A_DIRECTORY, "path is a file").backend("s3").operation("stat").path(path).build()
              : notFound("stat", path)))));
    }
    return head(path, null, null, "stat")
        .onErrorResume(e -> RdalException.isKind(e, ErrorKind.NOT_FOUND) || RdalException.isKind(e, ErrorKind.IS_A_DIRECTORY),
            e -> directoryStat(Paths.asDirectory(path)).switchIfEmpty(Mono.error(e)));
  }

  /** The directory's metadata when its marker or any key below it exists, else empty. */
  private Mono<ObjectMeta> directoryStat(String dir) {
    String prefix = keys.probePrefix(dir);
    if (prefix == null) {
      return Mono.empty();
    }
    return Mono.fromFuture(() -> clients.current().listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1)
        .encodingType(EncodingType.URL)))
        .onErrorMap(e -> S3Errors.map(e, "stat", dir))
        .flatMap(r -> r.contents().isEmpty() ? Mono.empty() : Mono.just(ObjectMeta.directory(dir,
            r.contents().get(0).key().equals(prefix) ? r.contents().get(0).lastModified() : null)));
  }

  Mono<ObjectMeta> head(String path, String ifMatch, String ifNoneMatch, String op) {
    HeadObjectRequest req = HeadObjectRequest.builder().bucket(bucket).key(keys.key(path))
        .ifMatch(ifMatch).ifNoneMatch(ifNoneMatch).build();
    return Mono.fromFuture(() -> clients.current().headObject(req))
        .map(h -> meta(path, h))
        .onErrorResume(e -> S3Errors.status(e) == 404, e -> notFoundOrDirectory(path, e, op))
        .onErrorMap(e -> S3Errors.map(e, op, path));
  }

  private static ObjectMeta meta(String path, HeadObjectResponse h) {
    return new ObjectMeta(path, false, h.contentLength() == null ? 0 : h.contentLength(), h.lastModified(),
        h.eTag(), h.contentType(), h.metadata());
  }

  /** A missing object: IS_A_DIRECTORY when keys lie below {@code path/}, else the NOT_FOUND itself. */
  private <T> Mono<T> notFoundOrDirectory(String path, Throwable notFound, String op) {
    return directoryStat(Paths.asDirectory(path))
        .onErrorResume(listingFailed -> Mono.empty())
        .flatMap(d -> Mono.<T>error(RdalException.builder(ErrorKind.IS_A_DIRECTORY, "path is a directory")
            .backend("s3").operation(op).path(path).build()))
        .switchIfEmpty(Mono.error(S3Errors.map(notFound, op, path)));
  }

  private Mono<Boolean> objectExists(String path) {
    return Mono.fromFuture(() -> clients.current().headObject(b -> b.bucket(bucket).key(keys.key(path))))
        .map(h -> true)
        .onErrorResume(e -> S3Errors.status(e) == 404, e -> Mono.just(false))
        .onErrorMap(e -> S3Errors.map(e, "stat", path));
  }

  private static RdalException notFound(String op, String path) {
    return RdalException.builder(ErrorKind.NOT_FOUND, "no such object or prefix").backend("s3").operation(op)
        .path(path).build();
  }

  // ------------------------------------------------------------------ deletes

  @Override
  public Mono<Void> delete(String path) {
    if (!Paths.isDirectory(path)) {
      return Mono.fromFuture(() -> clients.current().deleteObject(b -> b.bucket(bucket).key(keys.key(path))))
          .onErrorMap(e -> S3Errors.map(e, "delete", path))
          .then();
    }
    String prefix = keys.childPrefix(path);
    return Mono.fromFuture(() -> clients.current().listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(2)
        .encodingType(EncodingType.URL)))
        .onErrorMap(e -> S3Errors.map(e, "delete", path))
        .flatMap(r -> {
          boolean nonEmpty = r.contents().stream().anyMatch(o -> !o.key().equals(prefix));
          if (nonEmpty) {
            return Mono.error(RdalException.builder(ErrorKind.INVALID_INPUT,
                "directory is not empty; use deleteRecursive").backend("s3").operation("delete").path(path).build());
          }
          if (r.contents().isEmpty()) {
            return objectExists(Paths.asFile(path)).flatMap(file -> file
                ? Mono.error(RdalException.builder(ErrorKind.NOT_A_DIRECTORY, "path is a file")
                    .backend("s3").operation("delete").path(path).build())
                : Mono.empty());
          }
          return Mono.fromFuture(() -> clients.current().deleteObject(b -> b.bucket(bucket).key(prefix)))
              .onErrorMap(e -> S3Errors.map(e, "delete", path))
              .then();
        });
  }

  /**
   * Deletes in DeleteObjects calls of at most {@value #DELETE_BATCH} keys, reporting each key. A key that
   * XML 1.0 cannot carry (control characters, U+FFFE, U+FFFF, unpaired surrogates) would make S3 refuse the
   * whole batch as MalformedXML, so such keys are deleted one by one with DeleteObject, whose key travels in
   * the URL.
   */
  @Override
  public Flux<DeleteResult> deleteBatch(Flux<String> paths) {
    return paths.groupBy(p -> S3Keys.isXmlSafe(keys.key(p)), DELETE_BATCH)
        .flatMap(g -> g.key()
            ? g.buffer(DELETE_BATCH).concatMap(this::deleteObjects, 1)
            : g.concatMap(this::deleteSingly, 1));
  }

  private Mono<DeleteResult> deleteSingly(String path) {
    return Mono.fromFuture(() -> clients.current().deleteObject(b -> b.bucket(bucket).key(keys.key(path))))
        .map(r -> new DeleteResult(path, null))
        .onErrorResume(e -> Mono.just(new DeleteResult(path, S3Errors.map(e, "delete", path))));
  }

  private Flux<DeleteResult> deleteObjects(List<String> batch) {
    List<ObjectIdentifier> ids = new ArrayList<>(batch.size());
    for (String p : batch) {
      ids.add(ObjectIdentifier.builder().key(keys.key(p)).build());
    }
    Delete delete = Delete.builder().objects(ids).quiet(false).build();
    return Mono.fromFuture(() -> clients.current().deleteObjects(b -> b.bucket(bucket).delete(delete)))
        .map(r -> results(batch, r))
        .onErrorResume(e -> {
          RdalException err = S3Errors.map(e, "delete", null);
          List<DeleteResult> all = new ArrayList<>(batch.size());
          for (String p : batch) all.add(new DeleteResult(p, err.toBuilder().path(p).build()));
          return Mono.just(all);
        })
        .flatMapIterable(l -> l);
  }

  private List<DeleteResult> results(List<String> batch, DeleteObjectsResponse r) {
    Set<String> failed = new HashSet<>();
    List<DeleteResult> out = new ArrayList<>(batch.size());
    for (S3Error err : r.errors()) {
      String p = keys.path(err.key());
      failed.add(p);
      ErrorKind kind = "AccessDenied".equals(err.code()) ? ErrorKind.PERMISSION_DENIED
          : "NoSuchKey".equals(err.code()) ? ErrorKind.NOT_FOUND : ErrorKind.UNEXPECTED;
      out.add(new DeleteResult(p, RdalException.builder(kind, "S3 could not delete the key: " + err.code() + " " + err.message())
          .temporary("InternalError".equals(err.code()) || "SlowDown".equals(err.code()))
          .backend("s3").operation("delete").path(p).build()));
    }
    for (String p : batch) {
      if (!failed.contains(p)) out.add(new DeleteResult(p, null));
    }
    return out;
  }

  // ------------------------------------------------------------------ listings and directories

  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return listing.list(dir, options);
  }

  /** Writes a zero-byte {@code dir/} marker; parents need none, as they exist once a key lies below them. */
  @Override
  public Mono<Void> createDir(String dir) {
    if (Paths.ROOT.equals(dir)) {
      return Mono.empty();
    }
    return rules.checkDirectoryTarget(dir, "createDir")
        .then(Mono.fromFuture(() -> clients.current().putObject(b -> b.bucket(bucket).key(keys.key(dir)).contentLength(0L),
                software.amazon.awssdk.core.async.AsyncRequestBody.empty()))
            .onErrorMap(e -> S3Errors.map(e, "createDir", dir))
            .then());
  }

  // ------------------------------------------------------------------ copy and rename

  @Override
  public Mono<ObjectMeta> copy(String from, String to) {
    if (from.equals(to)) {
      return head(from, null, null, "copy");
    }
    return rules.checkFileTarget(to, "copy").then(Mono.fromFuture(() -> clients.current().copyObject(b -> b
            .sourceBucket(bucket).sourceKey(keys.key(from))
            .destinationBucket(bucket).destinationKey(keys.key(to))))
        .onErrorResume(e -> S3Errors.status(e) == 404, e -> notFoundOrDirectory(from, e, "copy"))
        .onErrorMap(e -> S3Errors.map(e, "copy", from)))
        .then(head(to, null, null, "copy"));
  }

  /** Copy then delete: not atomic; a failure in between leaves both objects. */
  @Override
  public Mono<Void> rename(String from, String to) {
    if (from.equals(to)) {
      return head(from, null, null, "rename").then();
    }
    return copy(from, to).then(delete(from));
  }

  // ------------------------------------------------------------------ presigning

  /** S3's shortest presigned URL lifetime. */
  static final Duration MIN_PRESIGN_TTL = Duration.ofSeconds(1);
  /** S3's longest presigned URL lifetime (SigV4). */
  static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

  /**
   * A presigned GET. {@code ttl} must lie within 1 second and 7 days ({@code INVALID_INPUT} otherwise); a URL
   * signed with session credentials (a session token, a role) stops working when the session expires,
   * whatever its ttl.
   */
  @Override
  public Mono<URI> presignRead(String path, Duration ttl) {
    return checkTtl(ttl, "presignRead", path).then(Mono.fromCallable(() -> toUri(presigner.presignGetObject(b -> b.signatureDuration(ttl)
            .getObjectRequest(g -> g.bucket(bucket).key(keys.key(path)))).url()))
        .onErrorMap(e -> S3Errors.map(e, "presignRead", path)));
  }

  /** A presigned PUT; {@code ttl} and session credentials as for {@link #presignRead}. */
  @Override
  public Mono<URI> presignWrite(String path, Duration ttl) {
    return checkTtl(ttl, "presignWrite", path).then(Mono.fromCallable(() -> toUri(presigner.presignPutObject(b -> b.signatureDuration(ttl)
            .putObjectRequest(p -> p.bucket(bucket).key(keys.key(path)))).url()))
        .onErrorMap(e -> S3Errors.map(e, "presignWrite", path)));
  }

  private static Mono<Void> checkTtl(Duration ttl, String op, String path) {
    if (ttl == null || ttl.compareTo(MIN_PRESIGN_TTL) < 0 || ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
      return Mono.error(RdalException.builder(ErrorKind.INVALID_INPUT, "a presigned URL must live from 1 second to "
          + "7 days (S3's limits), was " + ttl).backend("s3").operation(op).path(path).build());
    }
    return Mono.empty();
  }

  private static URI toUri(java.net.URL url) throws URISyntaxException {
    return url.toURI();
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Closes every client (the shared one and, with {@code client_per_worker}, each worker's; their connection
   * pools and event loops) and the presigner. The SDK waits for its event
   * loops to stop, so this runs on a bounded-elastic thread, never on the caller's.
   */
  @Override
  public Mono<Void> close() {
    return Mono.<Void>fromRunnable(() -> {
      if (closed.compareAndSet(false, true)) {
        presigner.close();
        clients.close();
      }
    }).subscribeOn(Schedulers.boundedElastic());
  }

  /** The shared client (for tests that call the store directly). */
  S3AsyncClient client() {
    return clients.shared();
  }

  /** Where requests take their client (for tests that count per-worker clients). */
  S3ClientSource clients() {
    return clients;
  }

  String bucket() {
    return bucket;
  }

  S3Keys keys() {
    return keys;
  }

  @Override
  public String toString() {
    return "S3Backend{" + settings + "}";
  }
}
