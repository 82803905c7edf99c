package dev.rdal.webdav;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import java.util.ArrayList;
import dev.rdal.PathOrder;
import java.util.Comparator;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Listings: {@code PROPFIND} with {@code Depth: 1} per directory, never {@code Depth: infinity} (nginx refuses it
 * with 403, and a server that allows it would answer a whole tree at once). A recursive listing walks the tree
 * itself, one directory at a time, depth first, asking for a subdirectory only when the subscriber's demand
 * reaches it.
 *
 * <p>Order: each directory's entries are sorted by path (directories with their trailing slash), and a
 * directory's subtree follows the directory itself, which is ascending {@link String} order of full paths
 * across levels. Memory: one multistatus answer per directory on the current path of the walk
 * ({@code max_multistatus_bytes} bounds each). The listed directory itself, entries outside the endpoint's root
 * and this backend's temporary upload names are left out.
 */
final class WebDavListing {

  private final WebDavClient client;
  private final WebDavPaths paths;
  private final WebDavStat stat;

  WebDavListing(WebDavClient client, WebDavPaths paths, WebDavStat stat) {
    this.client = client;
    this.paths = paths;
    this.stat = stat;
  }

  Flux<ObjectMeta> list(String dir, ListOptions options) {
    return level(dir, true).flatMapMany(entries -> walk(entries, options));
  }

  private Flux<ObjectMeta> walk(List<ObjectMeta> entries, ListOptions options) {
    String after = options.startAfter();
    return Flux.fromIterable(entries).concatMap(e -> {
      Flux<ObjectMeta> self = after == null || PathOrder.isAfter(e.path(), after) ? Flux.just(e) : Flux.empty();
      if (options.recursive() && e.directory() && (after == null || after.startsWith(e.path()) || PathOrder.isAfter(e.path(), after))) {
        return self.concatWith(level(e.path(), false).flatMapMany(children -> walk(children, options)));
      }
      return self;
    }, 1);
  }

  /**
   * The sorted entries of one directory. At the top ({@code top}), a missing directory lists empty and a file
   * is NOT_A_DIRECTORY; below it, a directory that vanished meanwhile lists empty.
   */
  Mono<List<ObjectMeta>> level(String dir, boolean top) {
    return children(dir).onErrorResume(e -> RdalException.isKind(e, ErrorKind.NOT_FOUND), e -> !top
        ? Mono.just(List.of())
        : stat.find(dir, "list").flatMap(found -> found.isPresent() && !found.get().directory()
            ? Mono.error(WebDavWriter.error(ErrorKind.NOT_A_DIRECTORY, "path names a file, not a directory", "list", dir))
            : Mono.just(List.<ObjectMeta>of())));
  }

  /**
   * The sorted entries of one directory, without the directory itself; NOT_FOUND when it is missing,
   * NOT_A_DIRECTORY when it is a file.
   */
  Mono<List<ObjectMeta>> children(String dir) {
    String d = Paths.ROOT.equals(dir) ? Paths.ROOT : Paths.asDirectory(dir);
    return client.propfind(paths.url(d), "1")
        .onErrorMap(e -> WebDavErrors.map(e, "list", d))
        .flatMap(a -> {
          if (a.status() != 207) {
            return Mono.error(WebDavErrors.status(a.status(), "PROPFIND", "list", d));
          }
          List<Multistatus.Entry> parsed;
          try {
            parsed = Multistatus.parse(a.body());
          } catch (RdalException e) {
            return Mono.error(e.withContext(WebDavErrors.BACKEND, "list", d));
          }
          List<ObjectMeta> out = new ArrayList<>(parsed.size());
          for (Multistatus.Entry e : parsed) {
            boolean collection = e.collection(); // resourcetype decides: some servers echo a slash the request had
            String p = paths.pathOf(e.href(), collection);
            if (p == null || WebDavWriter.isTemp(p)) {
              continue;
            }
            if (Paths.asFile(p).equals(Paths.asFile(d)) || p.equals(d)) {
              if (!collection) {
                return Mono.error(WebDavWriter.error(ErrorKind.NOT_A_DIRECTORY, "path names a file, not a directory", "list", d));
              }
              continue;
            }
            String prefix = Paths.childPrefix(d);
            if (!p.startsWith(prefix) || Paths.ROOT.equals(p) || Paths.asFile(p.substring(prefix.length())).contains("/")) {
              continue; // not a direct child: outside the directory, or deeper than Depth 1 asked
            }
            out.add(WebDavStat.meta(Paths.asFile(p), e));
          }
          out.sort(Comparator.comparing(ObjectMeta::path, PathOrder.UTF8));
          return Mono.just(out);
        });
  }
}
