package dev.rdal.s3;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.PathOrder;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists a "directory" with ListObjectsV2, one page per demand (pages are fetched one after the other and
 * flattened with a prefetch of one), so a listing of any size streams in bounded memory.
 *
 * <p>Direct children use the delimiter {@code /}: common prefixes become directories. Recursive listings
 * use no delimiter and synthesise the directories implied by deeper keys (S3 has no directories, only
 * prefixes and optional zero-byte {@code dir/} markers), each once, in sorted order. S3 lists keys in UTF-8
 * byte order, the order of rdal's listings ({@link PathOrder}), so every directory's entries are contiguous
 * and remembering the ancestors of the last key suffices; contents and common prefixes of a page are merged
 * in that order too.
 *
 * <p>Every page is asked for with {@code encoding-type=url} (the SDK decodes the keys): S3's XML cannot carry
 * keys with control characters otherwise, and one such key would make its page, and so the directory,
 * unlistable. {@code listing_url_encoding=false} turns it off for stores that URL-encode their continuation
 * tokens too (S3Proxy 2.6; AWS's tokens are opaque and never encoded), where later pages would repeat keys.
 *
 * <p>{@code startAfter} is passed to S3 (so skipped keys are never fetched) and applied again, in UTF-8 byte
 * order, to the synthesised directories; {@code limit} limits demand upstream. Other writers' in-progress multipart
 * uploads, on stores that keep them as keys of the bucket, are never listed ({@link UploadArtefacts}).
 */
final class S3Listing {

  private final S3ClientSource clients;
  private final String bucket;
  private final S3Keys keys;
  private final int pageSize;
  private final boolean urlEncoding;

  S3Listing(S3ClientSource clients, String bucket, S3Keys keys, int pageSize, boolean urlEncoding) {
    this.clients = clients;
    this.bucket = bucket;
    this.keys = keys;
    this.pageSize = pageSize;
    this.urlEncoding = urlEncoding;
  }

  Flux<ObjectMeta> list(String dir, ListOptions options) {
    String prefix = keys.childPrefix(dir);
    String startAfter = options.startAfter();
    Flux<ObjectMeta> entries = Flux.defer(() -> {
      ListObjectsV2Request.Builder first = ListObjectsV2Request.builder()
          .bucket(bucket).prefix(prefix).maxKeys(pageSize);
      if (urlEncoding) first.encodingType(EncodingType.URL);
      if (!options.recursive()) first.delimiter("/");
      if (startAfter != null) {
        String startKey = keys.key(startAfter);
        if (PathOrder.compare(startKey, prefix) > 0) first.startAfter(startKey);
      }
      Tracker tracker = new Tracker(prefix);
      UploadArtefacts artefacts = new UploadArtefacts(clients, bucket);
      return pages(first.build())
          .concatMap(artefacts::filter, 1)
          .concatMapIterable(page -> options.recursive() ? tracker.recursive(page) : direct(page, prefix), 1);
    })
        .filter(m -> PathOrder.isAfter(m.path(), startAfter))
        .onErrorMap(e -> S3Errors.map(e, "list", dir));
    Flux<ObjectMeta> limited = options.limit() > 0 ? entries.take(options.limit()) : entries;
    if (Paths.ROOT.equals(dir)) {
      return limited;
    }
    return limited.switchIfEmpty(notADirectoryCheck(dir));
  }

  /**
   * The pages of a listing, one request per demand. The continuation token alone carries later pages: the
   * SDK's paginator repeats start-after with it, which S3Proxy refuses (400 InvalidArgument).
   */
  private Flux<ListObjectsV2Response> pages(ListObjectsV2Request first) {
    AtomicReference<String> token = new AtomicReference<>();
    AtomicBoolean more = new AtomicBoolean(true);
    return Mono.defer(() -> {
          String t = token.get();
          ListObjectsV2Request req = t == null ? first
              : first.toBuilder().startAfter(null).continuationToken(t).build();
          return Mono.fromFuture(() -> clients.current().listObjectsV2(req));
        })
        .doOnNext(r -> {
          boolean truncated = Boolean.TRUE.equals(r.isTruncated()) && r.nextContinuationToken() != null;
          token.set(r.nextContinuationToken());
          more.set(truncated);
        })
        .repeat(more::get);
  }

  /** An empty listing of {@code a/} where the object {@code a} exists is NOT_A_DIRECTORY. */
  private Flux<ObjectMeta> notADirectoryCheck(String dir) {
    String fileKey = keys.key(Paths.asFile(dir));
    return Mono.fromFuture(() -> clients.current().headObject(b -> b.bucket(bucket).key(fileKey)))
        .flatMap(h -> Mono.<ObjectMeta>error(RdalException.builder(ErrorKind.NOT_A_DIRECTORY, "path is a file")
            .backend("s3").operation("list").path(dir).build()))
        .onErrorResume(e -> S3Errors.status(e) == 404, e -> Mono.empty())
        .onErrorMap(e -> S3Errors.map(e, "list", dir))
        .flux();
  }

  /** Contents and common prefixes of one page, merged in key order; the directory's own marker is skipped. */
  private List<ObjectMeta> direct(ListObjectsV2Response page, String prefix) {
    List<S3Object> files = page.contents();
    List<CommonPrefix> dirs = page.commonPrefixes();
    List<ObjectMeta> out = new ArrayList<>(files.size() + dirs.size());
    int i = 0;
    int j = 0;
    while (i < files.size() || j < dirs.size()) {
      boolean takeFile = j >= dirs.size()
          || (i < files.size() && PathOrder.compare(files.get(i).key(), dirs.get(j).prefix()) < 0);
      if (takeFile) {
        S3Object o = files.get(i++);
        if (!o.key().equals(prefix)) out.add(file(o));
      } else {
        out.add(ObjectMeta.directory(keys.path(dirs.get(j++).prefix()), null));
      }
    }
    return out;
  }

  private ObjectMeta file(S3Object o) {
    if (o.key().endsWith("/")) {
      return ObjectMeta.directory(keys.path(o.key()), o.lastModified());
    }
    return ObjectMeta.file(keys.path(o.key()), o.size(), o.lastModified(), o.eTag());
  }

  /** Emits the directories implied by recursive keys once each; state of one subscription. */
  private final class Tracker {
    private final String prefix;
    private final List<String> open = new ArrayList<>();

    Tracker(String prefix) {
      this.prefix = prefix;
    }

    List<ObjectMeta> recursive(ListObjectsV2Response page) {
      List<ObjectMeta> out = new ArrayList<>(page.contents().size());
      for (S3Object o : page.contents()) {
        String key = o.key();
        if (key.equals(prefix)) continue;
        int depth = 0;
        int from = prefix.length();
        int slash;
        while ((slash = key.indexOf('/', from)) >= 0) {
          String dirKey = key.substring(0, slash + 1);
          boolean isMarker = slash == key.length() - 1;
          if (depth < open.size() && open.get(depth).equals(dirKey)) {
            depth++;
            from = slash + 1;
            continue;
          }
          while (open.size() > depth) open.remove(open.size() - 1);
          open.add(dirKey);
          depth++;
          from = slash + 1;
          out.add(isMarker ? file(o) : ObjectMeta.directory(keys.path(dirKey), null));
        }
        while (open.size() > depth) open.remove(open.size() - 1);
        if (!key.endsWith("/")) out.add(file(o));
      }
      return out;
    }
  }
}
