package dev.rdal.webdav;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Metadata of one path: {@code PROPFIND} with {@code Depth: 0} on the path's file form (so a file named as a
 * directory is recognised), again with a trailing slash when the server redirects a collection to it. A file
 * whose answer carries no {@code getetag} gets its ETag from a {@code HEAD}, so that stat, writes and reads
 * agree on it.
 */
final class WebDavStat {

  private final WebDavClient client;
  private final WebDavPaths paths;

  WebDavStat(WebDavClient client, WebDavPaths paths) {
    this.client = client;
    this.paths = paths;
  }

  /** The metadata of {@code path}: NOT_FOUND when missing, NOT_A_DIRECTORY when a directory path names a file. */
  Mono<ObjectMeta> stat(String path, String op) {
    return find(path, op)
        .flatMap(found -> found.isEmpty()
            ? Mono.error(RdalException.builder(ErrorKind.NOT_FOUND, "no such file or directory")
                .backend(WebDavErrors.BACKEND).operation(op).path(path).build())
            : Mono.just(found.get()))
        .flatMap(m -> Paths.isDirectory(path) && !m.directory()
            ? Mono.error(RdalException.builder(ErrorKind.NOT_A_DIRECTORY, "path names a file, not a directory")
                .backend(WebDavErrors.BACKEND).operation(op).path(path).build())
            : Mono.just(m));
  }

  /** The metadata of {@code path}, or empty when nothing stands there (404 or 409: a parent is missing). */
  Mono<Optional<ObjectMeta>> find(String path, String op) {
    if (Paths.ROOT.equals(path)) {
      return Mono.just(Optional.of(ObjectMeta.directory(Paths.ROOT, null)));
    }
    String file = Paths.asFile(path);
    return client.propfind(paths.url(file), "0")
        .flatMap(a -> isRedirect(a.status()) ? client.propfind(paths.url(Paths.asDirectory(file)), "0") : Mono.just(a))
        .onErrorMap(e -> WebDavErrors.map(e, op, path))
        .flatMap(a -> {
          if (a.status() == 404 || a.status() == 409 || a.status() == 410) {
            return Mono.just(Optional.<ObjectMeta>empty());
          }
          if (a.status() != 207) {
            return Mono.error(WebDavErrors.status(a.status(), "PROPFIND", op, path));
          }
          List<Multistatus.Entry> entries;
          try {
            entries = Multistatus.parse(a.body());
          } catch (RdalException e) {
            return Mono.error(e.withContext(WebDavErrors.BACKEND, op, path));
          }
          if (entries.isEmpty()) {
            return Mono.just(Optional.<ObjectMeta>empty());
          }
          return withEtag(meta(file, entries.get(0)), op).map(Optional::of);
        });
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 307 || status == 308;
  }

  /** The metadata an entry gives for the file form {@code file} of a path. */
  static ObjectMeta meta(String file, Multistatus.Entry e) {
    if (e.collection()) {
      return ObjectMeta.directory(Paths.asDirectory(file), e.lastModified());
    }
    return new ObjectMeta(file, false, e.size(), e.lastModified(), e.etag(), e.contentType(), Map.of());
  }

  /** A file's metadata from a HEAD (size, time, ETag, type); NOT_FOUND when missing. */
  Mono<ObjectMeta> head(String file, String op) {
    return client.exchange(HttpMethod.HEAD, paths.url(file), h -> { }, null)
        .onErrorMap(e -> WebDavErrors.map(e, op, file))
        .flatMap(a -> {
          if (a.status() / 100 != 2) {
            return Mono.error(WebDavErrors.status(a.status(), "HEAD", op, file));
          }
          HttpHeaders h = a.headers();
          long size;
          try {
            size = Long.parseLong(h.get(HttpHeaderNames.CONTENT_LENGTH, "0").trim());
          } catch (NumberFormatException e) {
            size = 0;
          }
          return Mono.just(new ObjectMeta(file, false, size, Multistatus.parseDate(h.get(HttpHeaderNames.LAST_MODIFIED, "")),
              h.get(HttpHeaderNames.ETAG), h.get(HttpHeaderNames.CONTENT_TYPE), Map.of()));
        });
  }

  private Mono<ObjectMeta> withEtag(ObjectMeta m, String op) {
    if (m.directory() || m.etag() != null) {
      return Mono.just(m);
    }
    return client.exchange(HttpMethod.HEAD, paths.url(m.path()), h -> { }, null)
        .onErrorMap(e -> WebDavErrors.map(e, op, m.path()))
        .map(a -> a.status() / 100 == 2 && a.headers().get(HttpHeaderNames.ETAG) != null
            ? new ObjectMeta(m.path(), false, m.size(), m.lastModified(), a.headers().get(HttpHeaderNames.ETAG),
                m.contentType(), Map.of())
            : m);
  }
}
