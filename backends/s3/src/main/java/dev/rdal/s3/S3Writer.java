package dev.rdal.s3;

import dev.rdal.Buffers;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Writes one object: a single PUT when the body is shorter than the part size, else an explicit multipart
 * upload (CreateMultipartUpload, UploadPart with bounded concurrency, CompleteMultipartUpload).
 *
 * <p><b>Part sizes</b> grow with the stream ({@link S3PartSizes}): the configured size for the first 1,000
 * parts, doubling every 1,000 parts after that, so a stream of unknown length fits S3's 10,000 parts up to
 * 5 TiB ({@link S3PartSizes#ceiling}); a longer stream fails with INVALID_INPUT as soon as it outgrows that,
 * and its upload is aborted.
 *
 * <p><b>Memory.</b> Each incoming buffer is copied once when it arrives (the producer may reuse it after
 * {@code onNext} returns); copies are cut into parts without further copying. Demand to the producer is
 * driven by the part uploads: at most {@code uploadConcurrency} parts are in flight and one more is being
 * filled, so a write holds at most {@code (uploadConcurrency + 1)} parts of the current size (so
 * {@code (uploadConcurrency + 1) × partSize} for objects up to 1,000 parts), plus the producer's current
 * buffer when it is larger than a part.
 *
 * <p><b>Failure and cancellation.</b> A publisher error, a failed part (after the SDK's own retries), a
 * failed completion or a cancel aborts the multipart upload ({@link S3UploadAborts}): parts already on the
 * wire are not cancelled but awaited (bounded), since a cancelled request may still be stored after the
 * abort, and the upload is checked to be gone afterwards; no object appears, no upload stays open and no
 * part is left behind. A cancel before the upload's creation was answered aborts it once the answer
 * comes. A cancel during the completion cancels that request; a store that had already carried it out
 * keeps the object, as the write did happen. A single PUT is all-or-nothing by S3's own rules.
 *
 * <p><b>If-not-exists.</b> The object is first checked with a HEAD (refused with {@code ALREADY_EXISTS}),
 * then the PUT or CompleteMultipartUpload carries {@code If-None-Match: *}, which S3 enforces atomically. A
 * store that ignores that header (S3Proxy 2.6 does) leaves a race between the HEAD and the write, where
 * two concurrent writers may both succeed; configure {@code conditional_writes=false} for such a store and
 * the backend stops offering if-not-exists at all.
 *
 * <p><b>Refusals on the SDK's retry.</b> When the answer to a completion or a create-only PUT is lost and
 * the SDK retries, the retry may be refused because the first attempt succeeded: NoSuchUpload (the upload
 * is already completed) or 412 (the object now exists: ours). Before reporting either, a HEAD compares the
 * object's ETag and size with what this write sent ({@link S3WriteCheck}); when they match, the write
 * succeeded.
 */
final class S3Writer {


  private final S3ClientSource clients;
  private final String bucket;
  private final S3Keys keys;
  private final long partSize;
  private final int concurrency;
  private final BufferGauge gauge;
  private final S3UploadAborts aborts;

  S3Writer(S3ClientSource clients, String bucket, S3Keys keys, long partSize, int concurrency, BufferGauge gauge) {
    this.clients = clients;
    this.bucket = bucket;
    this.keys = keys;
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.gauge = gauge;
    this.aborts = new S3UploadAborts(clients, bucket);
  }

  /** What aborts this writer's uploads. */
  S3UploadAborts aborts() {
    return aborts;
  }

  /** One part: its number (from 1) and the buffers that make it up. */
  private record Part(int number, List<ByteBuffer> buffers, long size) {
    ByteBuffer[] array() {
      return buffers.toArray(new ByteBuffer[0]);
    }
  }

  /** A piece of an incoming buffer that lies within one part; {@code endsPart} when it fills that part. */
  private record Slice(ByteBuffer buffer, boolean endsPart) {}

  Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    String key = keys.key(path);
    return Mono.defer(() -> {
      BufferGauge.Holder held = gauge.holder();
      Flux<Part> parts = parts(body, held);
      return parts
          .switchOnFirst((first, all) -> {
            if (first.hasValue() && first.get().size() < partSize) {
              return all.next().flatMap(p -> put(path, key, p, options, held)).flux();
            }
            if (first.isOnComplete()) {
              return put(path, key, new Part(1, List.of(), 0), options, held).flux();
            }
            if (first.isOnError()) {
              return all.then(Mono.<ObjectMeta>empty()).flux();
            }
            return multipart(path, key, all, options, held).flux();
          })
          .next()
          .doFinally(s -> held.releaseAll());
    });
  }

  /**
   * Cuts the body into parts of exactly {@link S3PartSizes#size} bytes (the last may be shorter); fails with
   * INVALID_INPUT as soon as the body outgrows S3's 10,000 parts or 5 TiB.
   */
  private Flux<Part> parts(Flux<ByteBuffer> body, BufferGauge.Holder held) {
    return Flux.defer(() -> {
      long[] filled = {0, 1}; // bytes in the current part, its number
      int[] number = {0};
      long[] total = {0};
      return body
          .filter(ByteBuffer::hasRemaining)
          .map(b -> {
            ByteBuffer copy = Buffers.copy(b);
            held.add(copy.remaining());
            return copy;
          })
          .flatMapIterable(b -> slices(b, filled), 1)
          .bufferUntil(Slice::endsPart)
          .map(slices -> {
            List<ByteBuffer> bufs = new ArrayList<>(slices.size());
            long size = 0;
            for (Slice s : slices) {
              bufs.add(s.buffer());
              size += s.buffer().remaining();
            }
            total[0] += size;
            if (++number[0] > S3PartSizes.MAX_PARTS || total[0] > S3PartSizes.MAX_OBJECT_SIZE) {
              throw RdalException.builder(ErrorKind.INVALID_INPUT, "object is larger than "
                  + S3PartSizes.ceiling(partSize) + " bytes, the most S3 stores with a part_size of " + partSize
                  + " (10,000 parts growing from part_size, at most 5 TiB)").build();
            }
            return new Part(number[0], bufs, size);
          });
    });
  }

  private List<Slice> slices(ByteBuffer b, long[] filled) {
    List<Slice> out = new ArrayList<>(1);
    int pos = b.position();
    int limit = b.limit();
    while (pos < limit) {
      long current = S3PartSizes.size(partSize, (int) Math.min(filled[1], S3PartSizes.MAX_PARTS));
      long room = current - filled[0];
      int n = (int) Math.min(room, limit - pos);
      ByteBuffer slice = b.duplicate();
      slice.position(pos).limit(pos + n);
      filled[0] += n;
      boolean ends = filled[0] == current;
      if (ends) {
        filled[0] = 0;
        filled[1]++;
      }
      out.add(new Slice(slice, ends));
      pos += n;
    }
    return out;
  }

  private Mono<ObjectMeta> put(String path, String key, Part part, WriteOptions options, BufferGauge.Holder held) {
    return ifAbsent(path, key, options).then(Mono.defer(() -> {
      PutObjectRequest.Builder req = PutObjectRequest.builder()
          .bucket(bucket).key(key).contentLength(part.size())
          .contentType(options.contentType())
          .metadata(options.userMetadata());
      if (options.ifNotExists()) req.ifNoneMatch("*");
      AsyncRequestBody content = part.size() == 0
          ? AsyncRequestBody.empty()
          : AsyncRequestBody.fromRemainingByteBuffersUnsafe(part.array());
      return Mono.fromFuture(() -> clients.current().putObject(req.build(), content))
          .map(r -> r.eTag())
          .onErrorResume(e -> options.ifNotExists() && S3Errors.status(e) == 412 && S3Errors.maybeRetried(e),
              e -> ours(key, S3WriteCheck.singlePutEtag(part.buffers()), part.size(), e))
          .map(etag -> new ObjectMeta(path, false, part.size(), null, etag, options.contentType(), options.userMetadata()))
          .onErrorMap(e -> writeError(e, path, options))
          .doOnTerminate(() -> held.release(part.size()));
    }));
  }

  private Mono<ObjectMeta> multipart(String path, String key, Flux<Part> parts, WriteOptions options,
      BufferGauge.Holder held) {
    return Mono.defer(() -> {
      InFlightParts inFlight = new InFlightParts();
      // The upload's creation is not cancelled with the write (a request on the wire would create it
      // anyway): a cancel that comes before its answer aborts the upload once the answer arrives.
      AtomicReference<CompletableFuture<CreateMultipartUploadResponse>> creation = new AtomicReference<>();
      AtomicBoolean handedOver = new AtomicBoolean();
      Mono<String> create = Mono.fromFuture(() -> {
            CompletableFuture<CreateMultipartUploadResponse> f = clients.current().createMultipartUpload(
                CreateMultipartUploadRequest.builder().bucket(bucket).key(key).contentType(options.contentType())
                    .metadata(options.userMetadata()).build());
            creation.set(f);
            return f;
          }, true)
          .map(r -> r.uploadId())
          .doOnNext(id -> handedOver.set(true))
          .onErrorMap(e -> S3Errors.map(e, "write", path));
      AtomicLong total = new AtomicLong();
      return ifAbsent(path, key, options).then(Mono.usingWhen(create,
          uploadId -> parts
              .flatMap(p -> uploadPart(path, key, uploadId, p, held, inFlight).doOnNext(c -> total.addAndGet(p.size())),
                  concurrency, 1)
              .collectList()
              .flatMap(done -> complete(path, key, uploadId, done, total.get(), options))
              .map(etag -> new ObjectMeta(path, false, total.get(), null, etag, options.contentType(),
                  options.userMetadata())),
          uploadId -> Mono.empty(),
          (uploadId, error) -> aborts.abort(path, key, uploadId, inFlight),
          uploadId -> aborts.abort(path, key, uploadId, inFlight)))
          .doOnCancel(() -> {
            CompletableFuture<CreateMultipartUploadResponse> f = creation.get();
            if (f != null && !handedOver.get()) {
              f.thenAccept(r -> aborts.abort(path, key, r.uploadId(), inFlight).subscribe());
            }
          });
    });
  }

  private Mono<CompletedPart> uploadPart(String path, String key, String uploadId, Part p, BufferGauge.Holder held,
      InFlightParts inFlight) {
    UploadPartRequest req = UploadPartRequest.builder()
        .bucket(bucket).key(key).uploadId(uploadId).partNumber(p.number()).contentLength(p.size()).build();
    // not cancelled with the write: a part on the wire may still be stored, so the abort waits for it
    return Mono.fromFuture(() -> inFlight.track(
            clients.current().uploadPart(req, AsyncRequestBody.fromRemainingByteBuffersUnsafe(p.array()))), true)
        .map(r -> CompletedPart.builder().partNumber(p.number()).eTag(r.eTag()).build())
        .onErrorMap(e -> S3Errors.map(e, "write", path))
        .doOnTerminate(() -> held.release(p.size()));
  }

  /**
   * Completes the upload. NoSuchUpload also means "already completed": when the SDK's retry of a completion
   * whose answer was lost gets it, a HEAD tells whether the object is this upload's (its multipart ETag and
   * size), and then the write succeeded.
   */
  private Mono<String> complete(String path, String key, String uploadId, List<CompletedPart> done, long size,
      WriteOptions options) {
    List<CompletedPart> sorted = new ArrayList<>(done);
    sorted.sort(Comparator.comparingInt(CompletedPart::partNumber));
    CompleteMultipartUploadRequest.Builder req = CompleteMultipartUploadRequest.builder()
        .bucket(bucket).key(key).uploadId(uploadId)
        .multipartUpload(CompletedMultipartUpload.builder().parts(sorted).build());
    if (options.ifNotExists()) req.ifNoneMatch("*");
    return Mono.fromFuture(() -> clients.current().completeMultipartUpload(req.build()))
        .map(r -> r.eTag())
        .onErrorResume(e -> "NoSuchUpload".equals(S3Errors.code(e)),
            e -> ours(key, S3WriteCheck.multipartEtag(sorted), size, e))
        .onErrorMap(e -> writeError(e, path, options));
  }

  /**
   * The ETag of the object at {@code key} when a HEAD finds it with {@code expectedEtag} and {@code size}
   * (the object this write sent), else {@code refusal} as it came.
   */
  private Mono<String> ours(String key, String expectedEtag, long size, Throwable refusal) {
    if (expectedEtag == null) {
      return Mono.error(refusal);
    }
    return Mono.fromFuture(() -> clients.current().headObject(b -> b.bucket(bucket).key(key)))
        .onErrorResume(headFailed -> Mono.empty())
        .filter(h -> S3WriteCheck.sameEtag(h.eTag(), expectedEtag) && h.contentLength() != null && h.contentLength() == size)
        .map(h -> h.eTag())
        .switchIfEmpty(Mono.error(refusal));
  }

  /**
   * With if-not-exists: refuses with ALREADY_EXISTS when a HEAD finds the object. A 403 to that HEAD is what
   * a principal without {@code s3:ListBucket} gets for a missing key; the HEAD is only an early refusal, so
   * the write goes on and its {@code If-None-Match: *} decides.
   */
  private Mono<Void> ifAbsent(String path, String key, WriteOptions options) {
    if (!options.ifNotExists()) {
      return Mono.empty();
    }
    return Mono.fromFuture(() -> clients.current().headObject(b -> b.bucket(bucket).key(key)))
        .flatMap(h -> Mono.<Void>error(alreadyExists(path)))
        .onErrorResume(e -> S3Errors.status(e) == 404 || S3Errors.status(e) == 403, e -> Mono.empty())
        .onErrorMap(e -> !(e instanceof RdalException), e -> S3Errors.map(e, "write", path));
  }

  private static Throwable writeError(Throwable e, String path, WriteOptions options) {
    if (options.ifNotExists() && S3Errors.status(e) == 412) {
      return alreadyExists(path);
    }
    return S3Errors.map(e, "write", path);
  }

  private static RdalException alreadyExists(String path) {
    return RdalException.builder(ErrorKind.ALREADY_EXISTS, "object exists and if-not-exists was set")
        .backend("s3").operation("write").path(path).build();
  }

  /**
   * Counts the bytes writes hold in memory, and the peak, so the bound above can be checked. One holder per
   * write; what a write still holds when it ends is released then.
   */
  static final class BufferGauge {
    private final AtomicLong held = new AtomicLong();
    private final LongAccumulator peak = new LongAccumulator(Math::max, 0);

    Holder holder() {
      return new Holder();
    }

    long held() {
      return held.get();
    }

    long peak() {
      return peak.get();
    }

    void resetPeak() {
      peak.reset();
      peak.accumulate(held.get());
    }

    /** The bytes of one write. */
    final class Holder {
      private final AtomicLong mine = new AtomicLong();

      void add(long n) {
        mine.addAndGet(n);
        peak.accumulate(held.addAndGet(n));
      }

      void release(long n) {
        long r = Math.min(n, mine.get());
        mine.addAndGet(-r);
        held.addAndGet(-r);
      }

      void releaseAll() {
        held.addAndGet(-mine.getAndSet(0));
      }
    }
  }
}
