package dev.rdal.s3;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps other writers' in-progress multipart uploads out of listings, on stores that keep an upload as
 * ordinary keys of the bucket. S3Proxy over jclouds' local blob stores (transient, filesystem) does: an
 * upload {@code U} of key {@code K} stores each part {@code N} as the key {@code .mpus-U-K-N}, and a stub
 * marking the upload open, {@code .mpus-U-K-stub} in jclouds or a key named {@code U} itself where S3Proxy
 * keeps its own stub (as 2.6 does over the transient store); all are listed like any object (AWS keeps
 * uploads apart and never lists them).
 *
 * <p>Only what is provably such an artefact is left out, for uploads open right now (ListMultipartUploads):
 * a key {@code .mpus-U-K-} + {@code stub} or a part number, a key equal to {@code U}, and a common prefix
 * under which such a name lies. A key that merely looks like one stays. Uploads are listed only when a page
 * holds a name starting with {@code .mpus-} or shaped like an upload id, once per listing; a listing under
 * a root prefix never meets such names.
 */
final class UploadArtefacts {

  /** The name prefix of jclouds' local multipart artefacts. */
  static final String PREFIX = ".mpus-";

  private final S3ClientSource clients;
  private final String bucket;
  /** {@code .mpus-U-K-} of each open upload, once fetched for this listing. */
  private final AtomicReference<List<String>> open = new AtomicReference<>();
  /** The ids of the open uploads, fetched with {@link #open}. */
  private final AtomicReference<Set<String>> ids = new AtomicReference<>();

  UploadArtefacts(S3ClientSource clients, String bucket) {
    this.clients = clients;
    this.bucket = bucket;
  }

  /** {@code page} without the artefacts of open uploads. */
  Mono<ListObjectsV2Response> filter(ListObjectsV2Response page) {
    boolean suspect = page.contents().stream().anyMatch(o -> o.key().startsWith(PREFIX) || looksLikeId(o.key()))
        || page.commonPrefixes().stream().anyMatch(p -> p.prefix().startsWith(PREFIX));
    if (!suspect) {
      return Mono.just(page);
    }
    return openUploads().map(names -> {
      List<S3Object> contents = new ArrayList<>(page.contents().size());
      Set<String> uploadIds = ids.get();
      for (S3Object o : page.contents()) {
        if (!isArtefact(o.key(), names) && !uploadIds.contains(o.key())) contents.add(o);
      }
      List<CommonPrefix> prefixes = new ArrayList<>(page.commonPrefixes().size());
      for (CommonPrefix p : page.commonPrefixes()) {
        if (!holdsArtefact(p.prefix(), names)) prefixes.add(p);
      }
      return page.toBuilder().contents(contents).commonPrefixes(prefixes).build();
    });
  }

  /** A UUID, as S3Proxy's upload ids are: 36 characters of hex digits and dashes. */
  private static boolean looksLikeId(String key) {
    return key.length() == 36 && key.chars().allMatch(c -> c == '-' || Character.digit(c, 16) >= 0);
  }

  static boolean isArtefact(String key, List<String> names) {
    for (String n : names) {
      if (key.startsWith(n)) {
        String rest = key.substring(n.length());
        if (rest.equals("stub") || (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean holdsArtefact(String prefix, List<String> names) {
    for (String n : names) {
      if (n.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private Mono<List<String>> openUploads() {
    List<String> known = open.get();
    if (known != null) {
      return Mono.just(known);
    }
    List<String> names = new ArrayList<>();
    Set<String> uploadIds = new HashSet<>();
    AtomicReference<ListMultipartUploadsRequest> next = new AtomicReference<>(
        ListMultipartUploadsRequest.builder().bucket(bucket).build());
    AtomicBoolean more = new AtomicBoolean(true);
    return Mono.defer(() -> Mono.fromFuture(() -> clients.current().listMultipartUploads(next.get())))
        .doOnNext(r -> {
          for (MultipartUpload u : r.uploads()) {
            names.add(PREFIX + u.uploadId() + "-" + u.key() + "-");
            uploadIds.add(u.uploadId());
          }
          more.set(Boolean.TRUE.equals(r.isTruncated()));
          next.set(next.get().toBuilder().keyMarker(r.nextKeyMarker()).uploadIdMarker(r.nextUploadIdMarker()).build());
        })
        .repeat(more::get)
        .then(Mono.fromSupplier(() -> {
          ids.compareAndSet(null, Set.copyOf(uploadIds));
          open.compareAndSet(null, List.copyOf(names));
          return open.get();
        }));
  }
}
