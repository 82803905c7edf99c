package dev.rdal.s3;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;

/**
 * Aborts a multipart upload so that nothing of it remains: no open upload and no stored part.
 *
 * <ol>
 *   <li>Waits, at most {@link #PART_SETTLE_TIMEOUT}, for the upload's parts still on the wire to complete
 *       or fail. A part request that was already sent may be stored even after its future was cancelled
 *       or the upload aborted: AWS documents that such parts "might or might not succeed" and advises
 *       listing the parts after an abort; S3Proxy's local stores then keep the part as a stray key.</li>
 *   <li>Aborts the upload (AbortMultipartUpload).</li>
 *   <li>Lists the upload's parts (ListParts): {@code NoSuchUpload} or no parts means it is gone; a part
 *       that landed after the abort revived it, and the upload is aborted again, at most
 *       {@link #MAX_EXTRA_ABORTS} more times.</li>
 * </ol>
 *
 * <p>Failures are logged at WARN and never reach the write's subscriber, whose own error (or cancel) is
 * what it must see; a bucket lifecycle rule for incomplete uploads removes what could not be aborted.
 */
final class S3UploadAborts {

  private static final Logger log = LoggerFactory.getLogger(S3UploadAborts.class);

  /** How long an abort waits for parts on the wire to settle: the SDK's own per-request bounds apply within. */
  static final Duration PART_SETTLE_TIMEOUT = Duration.ofSeconds(30);

  /** Aborts after the first one when listing the parts shows that a late part revived the upload. */
  static final int MAX_EXTRA_ABORTS = 3;

  private final S3ClientSource clients;
  private final String bucket;
  private final List<Consumer<String>> settleWatchers = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> doneWatchers = new CopyOnWriteArrayList<>();

  S3UploadAborts(S3ClientSource clients, String bucket) {
    this.clients = clients;
    this.bucket = bucket;
  }

  /**
   * Calls {@code watcher} with the upload id each time an abort starts waiting for parts on the wire (for
   * tests that must release a held part exactly then).
   */
  void watchSettling(Consumer<String> watcher) {
    settleWatchers.add(watcher);
  }

  /**
   * Calls {@code watcher} with the upload id each time an abort has ended, done or given up (for tests
   * that check what is left once a cancelled write's cleanup ran).
   */
  void watchDone(Consumer<String> watcher) {
    doneWatchers.add(watcher);
  }

  /** Settles, aborts and checks the upload {@code uploadId} of {@code key}; completes empty, never fails. */
  Mono<Void> abort(String path, String key, String uploadId, InFlightParts inFlight) {
    return Mono.defer(() -> {
          if (inFlight.size() > 0) {
            settleWatchers.forEach(w -> w.accept(uploadId));
          }
          return Mono.fromFuture(inFlight.settled(), true)
              .timeout(PART_SETTLE_TIMEOUT, Mono.fromRunnable(() -> log.warn("parts of the multipart upload of "
                  + "'{}' (upload id {}) were still on the wire after {}; aborting anyway", path, uploadId,
                  PART_SETTLE_TIMEOUT)));
        })
        .then(abortAndCheck(key, uploadId, MAX_EXTRA_ABORTS))
        .onErrorResume(e -> {
          log.warn("could not abort the multipart upload of '{}' (upload id {}); a bucket lifecycle rule for "
              + "incomplete uploads will remove it: {}", path, uploadId, String.valueOf(S3Errors.unwrap(e)));
          return Mono.empty();
        })
        .doFinally(signal -> doneWatchers.forEach(w -> w.accept(uploadId)));
  }

  private Mono<Void> abortAndCheck(String key, String uploadId, int extraAborts) {
    return Mono.fromFuture(() -> clients.current().abortMultipartUpload(AbortMultipartUploadRequest.builder()
            .bucket(bucket).key(key).uploadId(uploadId).build()))
        .then()
        .onErrorResume(e -> S3Errors.status(e) == 404, e -> Mono.empty()) // gone already
        .then(stillHasParts(key, uploadId))
        .flatMap(revived -> {
          if (!revived) {
            return Mono.empty();
          }
          if (extraAborts == 0) {
            return Mono.error(new IllegalStateException("parts kept reappearing after " + (MAX_EXTRA_ABORTS + 1)
                + " aborts"));
          }
          return abortAndCheck(key, uploadId, extraAborts - 1);
        });
  }

  /** Whether the upload still has parts: false when it is gone (NoSuchUpload) or empty. */
  private Mono<Boolean> stillHasParts(String key, String uploadId) {
    return Mono.fromFuture(() -> clients.current().listParts(ListPartsRequest.builder()
            .bucket(bucket).key(key).uploadId(uploadId).build()))
        .map(r -> r.hasParts() && !r.parts().isEmpty())
        .onErrorResume(e -> S3Errors.status(e) == 404, e -> Mono.just(false));
  }
}
