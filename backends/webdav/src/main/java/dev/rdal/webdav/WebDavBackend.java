package dev.rdal.webdav;

import dev.rdal.Capabilities;
import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import dev.rdal.PositionalReader;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.spi.Backend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.ReadRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WebDAV servers (nginx's dav modules, Apache mod_dav, rclone, Nextcloud, ...) over HTTP or HTTPS, on Reactor
 * Netty's {@link reactor.netty.http.client.HttpClient}. Non-blocking ({@link #isBlocking()} is false): every
 * call returns at once, and answers and body chunks arrive on the client's event loops
 * ({@code reactor-webdav-<n>-*}); the operator's execution policy hands them to user code on its delivery
 * threads ({@code rdal-global-N} by default), never on those event loops unless the policy asks for it.
 *
 * <p>Operations: reads are ranged GETs ({@link WebDavReader}); writes go to a temporary name and are moved into
 * place, with parents made by MKCOL ({@link WebDavWriter}); stat is PROPFIND {@code Depth: 0}
 * ({@link WebDavStat}); listings are PROPFIND {@code Depth: 1}, walked for recursive listings
 * ({@link WebDavListing}); delete is DELETE (a directory with its trailing slash and {@code Depth: infinity},
 * after checking it is empty); copy and rename are COPY and MOVE with an absolute {@code Destination}.
 *
 * <p>Capabilities: read, range read, positional read, conditional read (If-Match / If-None-Match on GET),
 * write, if-not-exists (MOVE with {@code Overwrite: F}), stat, delete, list, recursive list, create-dir, copy,
 * rename. Not: append, content type and user metadata (WebDAV servers derive the type from the name and nginx
 * keeps no dead properties), batch delete (no such call), presign.
 *
 * <p>Configuration keys: see {@link WebDavSettings}. Closing disposes the connection pool and the event loops.
 */
public final class WebDavBackend implements Backend {

  private static final Capabilities CAPABILITIES = Capabilities.of(Capability.READ, Capability.RANGE_READ,
      Capability.POSITIONAL_READ, Capability.CONDITIONAL_READ, Capability.WRITE, Capability.WRITE_IF_NOT_EXISTS,
      Capability.STAT, Capability.DELETE, Capability.LIST, Capability.LIST_RECURSIVE, Capability.CREATE_DIR,
      Capability.COPY, Capability.RENAME);

  private final String scheme;
  private final WebDavSettings settings;
  private final WebDavClient client;
  private final WebDavPaths paths;
  private final WebDavStat stat;
  private final WebDavReader reader;
  private final WebDavWriter writer;
  private final WebDavListing listing;
  private final AtomicLong openReaders = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private WebDavBackend(String scheme, WebDavSettings settings, PoolMeters meters) {
    this.scheme = scheme;
    this.settings = settings;
    this.client = new WebDavClient(settings, meters);
    this.paths = new WebDavPaths(settings.endpoint());
    this.stat = new WebDavStat(client, paths);
    this.reader = new WebDavReader(client, paths, stat);
    this.writer = new WebDavWriter(client, paths, stat, settings);
    this.listing = new WebDavListing(client, paths, stat);
  }

  /**
   * Creates a backend from its configuration (keys in {@link WebDavSettings}), publishing no meters.
   *
   * @param config the configuration; its scheme names the backend
   * @return a backend that owns its connection pool and event loops until closed
   * @throws dev.rdal.RdalException {@code CONFIG_INVALID} naming the key when a key is missing or malformed
   */
  public static WebDavBackend create(BackendConfig config) {
    Objects.requireNonNull(config, "config");
    return new WebDavBackend(config.scheme(), WebDavSettings.from(config), null);
  }

  /**
   * Creates a backend whose connection pool publishes its gauges ({@code reactor.netty.connection.provider.*},
   * tagged with the pool's name {@code rdal-webdav-<n>} and the server address) to {@code registry}.
   *
   * @param config the configuration; its scheme names the backend
   * @param registry where the pool's gauges go
   * @return a backend that owns its connection pool and event loops until closed
   * @throws dev.rdal.RdalException {@code CONFIG_INVALID} naming the key when a key is missing or malformed
   */
  public static WebDavBackend create(BackendConfig config, MeterRegistry registry) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(registry, "registry");
    return new WebDavBackend(config.scheme(), WebDavSettings.from(config), new PoolMeters(registry));
  }

  /**
   * The scheme this backend was configured under.
   *
   * @return {@code webdav} or {@code webdavs}
   */
  @Override
  public String scheme() {
    return scheme;
  }

  /**
   * What WebDAV offers here; see the class comment.
   *
   * @return the capabilities
   */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Never blocks.
   *
   * @return false
   */
  @Override
  public boolean isBlocking() {
    return false;
  }

  /**
   * Reads with one GET; see {@link WebDavReader} for statuses, ranges and buffers.
   *
   * @param path the normalised path of a file
   * @param request range and preconditions
   * @return the metadata, served range and body, once the answer's headers arrived
   */
  @Override
  public Mono<ReadResult> read(String path, ReadRequest request) {
    if (Paths.isDirectory(path)) {
      return stat.stat(path, "read").then(Mono.error(WebDavWriter.error(ErrorKind.IS_A_DIRECTORY,
          "path is a directory", "read", path)));
    }
    return reader.read(path, request);
  }

  /**
   * Opens a handle whose reads are ranged GETs pinned to the ETag seen at opening.
   *
   * @param path the normalised path of a file
   * @return the handle, once the file's metadata is known
   */
  @Override
  public Mono<PositionalReader> openReader(String path) {
    return stat.stat(path, "openReader").flatMap(m -> {
      if (m.directory()) {
        return Mono.error(WebDavWriter.error(ErrorKind.IS_A_DIRECTORY, "path is a directory", "openReader", path));
      }
      openReaders.incrementAndGet();
      return Mono.just(new WebDavPositionalReader(reader, path, m, openReaders::decrementAndGet));
    });
  }

  /**
   * Writes through a temporary name and a MOVE; see {@link WebDavWriter}.
   *
   * @param path the normalised path of a file
   * @param body the bytes, subscribed once
   * @param options if-not-exists is honoured; content type and metadata are not stored
   * @return the written file's metadata
   */
  @Override
  public Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return writer.write(path, body, options);
  }

  /**
   * PROPFIND with {@code Depth: 0}.
   *
   * @param path a normalised path
   * @return its metadata; NOT_FOUND when missing
   */
  @Override
  public Mono<ObjectMeta> stat(String path) {
    return stat.stat(path, "stat");
  }

  /**
   * Deletes a file, or an empty directory (checked with PROPFIND {@code Depth: 1}, then DELETE with its
   * trailing slash and {@code Depth: infinity}); a missing path succeeds.
   *
   * @param path a normalised path
   * @return completion
   */
  @Override
  public Mono<Void> delete(String path) {
    if (Paths.isDirectory(path)) {
      return listing.children(path)
          .flatMap(children -> children.isEmpty() ? deleteUrl(path, "infinity")
              : Mono.error(WebDavWriter.error(ErrorKind.INVALID_INPUT, "directory is not empty; use deleteRecursive",
                  "delete", path)))
          .onErrorResume(e -> dev.rdal.RdalException.isKind(e, ErrorKind.NOT_FOUND), e -> Mono.empty());
    }
    return client.exchange(HttpMethod.DELETE, paths.url(path), h -> { }, null)
        .onErrorMap(e -> WebDavErrors.map(e, "delete", path))
        .flatMap(a -> {
          int s = a.status();
          if (s / 100 == 2 || s == 404 || s == 410) return Mono.<Void>empty();
          if (s == 409 || s == 405 || s == 403 || WebDavStat.isRedirect(s)) {
            // nginx answers 409 for a directory named without its slash
            return stat.find(path, "delete").flatMap(found -> found.isEmpty() ? Mono.<Void>empty()
                : found.get().directory() ? delete(Paths.asDirectory(path))
                : Mono.error(WebDavErrors.status(s, "DELETE", "delete", path)));
          }
          return Mono.error(WebDavErrors.status(s, "DELETE", "delete", path));
        });
  }

  private Mono<Void> deleteUrl(String path, String depth) {
    return client.exchange(HttpMethod.DELETE, paths.url(path), h -> h.set("Depth", depth), null)
        .onErrorMap(e -> WebDavErrors.map(e, "delete", path))
        .flatMap(a -> a.status() / 100 == 2 || a.status() == 404 ? Mono.<Void>empty()
            : Mono.error(WebDavErrors.status(a.status(), "DELETE", "delete", path)));
  }

  /**
   * PROPFIND {@code Depth: 1} per directory; see {@link WebDavListing}.
   *
   * @param dir a normalised directory path
   * @param options recursion and start-after (the operator applies the limit)
   * @return the entries in ascending path order
   */
  @Override
  public Flux<ObjectMeta> list(String dir, ListOptions options) {
    return listing.list(dir, options);
  }

  /**
   * MKCOL for the directory and each missing parent.
   *
   * @param dir a normalised directory path
   * @return completion; NOT_A_DIRECTORY when a file is in the way
   */
  @Override
  public Mono<Void> createDir(String dir) {
    return writer.ensureDir(dir, "createDir");
  }

  /**
   * COPY with an absolute {@code Destination} and {@code Overwrite: T}, after making the target's parents.
   *
   * @param from a normalised file path
   * @param to a normalised file path
   * @return the target's metadata
   */
  @Override
  public Mono<ObjectMeta> copy(String from, String to) {
    return sourceFile(from, "copy").flatMap(src -> from.equals(to) ? Mono.just(src)
        : writer.prepareTarget(to, "copy", false)
            .then(writer.copy(from, to))
            .then(stat.stat(to, "copy")));
  }

  /**
   * MOVE with an absolute {@code Destination} and {@code Overwrite: T}, after making the target's parents.
   *
   * @param from a normalised file path
   * @param to a normalised file path
   * @return completion
   */
  @Override
  public Mono<Void> rename(String from, String to) {
    return sourceFile(from, "rename").flatMap(src -> from.equals(to) ? Mono.<Void>empty()
        : writer.prepareTarget(to, "rename", false).then(writer.move(from, to, false, "rename")));
  }

  private Mono<ObjectMeta> sourceFile(String path, String op) {
    return stat.stat(path, op).flatMap(m -> m.directory()
        ? Mono.error(WebDavWriter.error(ErrorKind.IS_A_DIRECTORY, "cannot " + op + " a directory", op, path))
        : Mono.just(m));
  }

  /**
   * Discards read bodies never subscribed, then disposes the connection pool (closing its connections) and the
   * event loops; idempotent.
   *
   * @return completion once the event-loop threads stopped
   */
  @Override
  public Mono<Void> close() {
    return Mono.defer(() -> {
      if (!closed.compareAndSet(false, true)) {
        return Mono.empty();
      }
      reader.discardUnsubscribed();
      return client.close();
    });
  }

  /** Read bodies and positional readers still holding a connection or handle (for the kit's resource checks). */
  long openResources() {
    return reader.openBodies() + openReaders.get();
  }

  /** GET requests sent so far (for tests that count resumes). */
  long getRequests() {
    return reader.gets();
  }

  /** The name of this backend's connection pool, the {@code name} tag of its meters. */
  String poolName() {
    return client.poolName();
  }

  @Override
  public String toString() {
    return "WebDavBackend{" + settings + "}";
  }
}
