package dev.rdal.webdav;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes, directories, copies and moves.
 *
 * <p><b>Write</b>: the target is checked first (a directory there is {@code IS_A_DIRECTORY}; with if-not-exists
 * an existing file is {@code ALREADY_EXISTS}) and its parents are made ({@link #ensureDir}). The body is then
 * {@code PUT} to a temporary sibling {@code .rdal-<random>.part} and moved onto the target with {@code MOVE}
 * and {@code Overwrite: T} ({@code Overwrite: F} for if-not-exists, which the server checks: 412 becomes
 * {@code ALREADY_EXISTS}; nginx and rclone check and rename in two steps, so two writers racing inside that
 * window can both succeed). Readers never see a partial object. If anything fails or the write is
 * cancelled after the PUT started, the temporary name is deleted (after a cancel, without waiting).
 *
 * <p><b>Size.</b> By default the body is buffered in memory, at most {@code max_buffered_upload} bytes (a body
 * beyond it fails with {@code INVALID_INPUT} before any request), so that the PUT carries
 * {@code Content-Length}, which every server takes (some answer a chunked PUT with 411 Length Required: nginx
 * before 1.3.9, some IIS and proxy setups). With {@code chunked_upload=true} the body is streamed as it comes,
 * chunked, for servers that take that (rclone, and nginx 1.22 as tested here); then nothing is buffered.
 *
 * <p><b>Directories</b> are made with {@code MKCOL}, walking up only as far as needed: a PROPFIND tells whether
 * the directory stands (a file there is {@code NOT_A_DIRECTORY}); if not, its parent is ensured first, then
 * MKCOL; 201 and 405 both mean it exists now.
 */
final class WebDavWriter {

  /** Names of temporary upload objects start with this and end with {@link #TEMP_SUFFIX}; listings hide them. */
  static final String TEMP_PREFIX = ".rdal-";
  static final String TEMP_SUFFIX = ".part";

  private final WebDavClient client;
  private final WebDavPaths paths;
  private final WebDavStat stat;
  private final WebDavSettings settings;

  WebDavWriter(WebDavClient client, WebDavPaths paths, WebDavStat stat, WebDavSettings settings) {
    this.client = client;
    this.paths = paths;
    this.stat = stat;
    this.settings = settings;
  }

  /** Whether a name is one of this backend's temporary upload names. */
  static boolean isTemp(String path) {
    String name = Paths.asFile(path);
    name = name.substring(name.lastIndexOf('/') + 1);
    return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
  }

  Mono<ObjectMeta> write(String path, Flux<ByteBuffer> body, WriteOptions options) {
    return prepareTarget(path, "write", options.ifNotExists())
        .then(Mono.defer(() -> upload(path, body, options.ifNotExists())));
  }

  /**
   * Checks that {@code path} may receive a file and makes its parents: a directory there is
   * {@code IS_A_DIRECTORY}; an existing file is {@code ALREADY_EXISTS} when {@code mustNotExist}.
   */
  Mono<Void> prepareTarget(String path, String op, boolean mustNotExist) {
    return stat.find(path, op).flatMap(found -> {
      if (found.isPresent()) {
        if (found.get().directory()) {
          return Mono.error(error(ErrorKind.IS_A_DIRECTORY, "a directory stands at the target path", op, path));
        }
        if (mustNotExist) {
          return Mono.error(error(ErrorKind.ALREADY_EXISTS, "the file exists and the write asked if-not-exists", op, path));
        }
        return Mono.empty();
      }
      return ensureDir(Paths.parent(path), op);
    });
  }

  private Mono<ObjectMeta> upload(String path, Flux<ByteBuffer> body, boolean ifNotExists) {
    // ThreadLocalRandom, not UUID.randomUUID(): SecureRandom may read /dev/urandom, and this runs on an event loop
    String temp = Paths.childPrefix(Paths.parent(path)) + TEMP_PREFIX
        + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + TEMP_SUFFIX;
    AtomicBoolean sent = new AtomicBoolean();
    Flux<ByteBuffer> checked = body.onErrorMap(e -> bodyFailed(e, path));
    Mono<Void> put = settings.chunkedUpload()
        ? Mono.defer(() -> {
            sent.set(true);
            return put(temp, path, -1, checked.map(b -> Unpooled.wrappedBuffer(copyOf(b))));
          })
        : checked.reduceWith(() -> new Buffered(settings.maxBufferedUpload(), path), Buffered::add)
            .flatMap(buffered -> {
              sent.set(true);
              return put(temp, path, buffered.size, Flux.fromIterable(buffered.chunks).map(Unpooled::wrappedBuffer));
            });
    // The metadata is the uploaded object's, taken before the MOVE renames it (a rename keeps size, time and
    // ETag): a stat after the MOVE could meet a concurrent writer's MOVE, which some servers run as a delete
    // of the target followed by a rename.
    return put
        .then(Mono.defer(() -> stat.head(temp, "write")))
        .flatMap(meta -> move(temp, path, ifNotExists, "write").thenReturn(meta.withPath(path)))
        .onErrorResume(e -> sent.get() ? deleteQuietly(temp).then(Mono.error(e)) : Mono.error(e))
        .doOnCancel(() -> {
          if (sent.get()) deleteQuietly(temp).subscribe();
        });
  }

  private static byte[] copyOf(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  private static RdalException bodyFailed(Throwable e, String path) {
    if (e instanceof RdalException) {
      return ((RdalException) e).withContext(WebDavErrors.BACKEND, "write", path);
    }
    return RdalException.builder(ErrorKind.UNEXPECTED, "the write's body failed; nothing was written")
        .cause(e).backend(WebDavErrors.BACKEND).operation("write").path(path).build();
  }

  private Mono<Void> put(String temp, String path, long length, Flux<ByteBuf> body) {
    return client.exchange(HttpMethod.PUT, paths.url(temp), h -> {
          if (length >= 0) h.set(HttpHeaderNames.CONTENT_LENGTH, length);
          h.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        }, body)
        .onErrorMap(e -> WebDavErrors.map(e, "write", path))
        .flatMap(a -> a.status() / 100 == 2 ? Mono.<Void>empty()
            : Mono.error(WebDavErrors.status(a.status(), "PUT", "write", path)));
  }

  /** MOVE {@code from} onto {@code to}; with {@code ifNotExists} an existing target is ALREADY_EXISTS. */
  Mono<Void> move(String from, String to, boolean ifNotExists, String op) {
    return client.exchange(WebDavClient.MOVE, paths.url(from), h -> h.set("Destination", paths.url(to))
            .set("Overwrite", ifNotExists ? "F" : "T"), null)
        .onErrorMap(e -> WebDavErrors.map(e, op, to))
        .flatMap(a -> {
          if (a.status() / 100 == 2) return Mono.<Void>empty();
          if (a.status() == 412 && ifNotExists) {
            return Mono.error(error(ErrorKind.ALREADY_EXISTS, "the target exists and the write asked if-not-exists", op, to));
          }
          return Mono.error(WebDavErrors.status(a.status(), "MOVE", op, from));
        });
  }

  /** COPY {@code from} onto {@code to}, overwriting. */
  Mono<Void> copy(String from, String to) {
    return client.exchange(WebDavClient.COPY, paths.url(from), h -> h.set("Destination", paths.url(to))
            .set("Overwrite", "T").set("Depth", "0"), null)
        .onErrorMap(e -> WebDavErrors.map(e, "copy", from))
        .flatMap(a -> a.status() / 100 == 2 ? Mono.<Void>empty()
            : Mono.error(WebDavErrors.status(a.status(), "COPY", "copy", from)));
  }

  /** Deletes a temporary object, ignoring every failure (it may not exist yet). */
  Mono<Void> deleteQuietly(String temp) {
    return client.exchange(HttpMethod.DELETE, paths.url(temp), h -> { }, null).then().onErrorResume(e -> Mono.empty());
  }

  /** Makes directory {@code dir} and its missing parents; a file in the way is NOT_A_DIRECTORY. */
  Mono<Void> ensureDir(String dir, String op) {
    if (Paths.ROOT.equals(dir)) {
      return Mono.empty();
    }
    return stat.find(dir, op).flatMap(found -> {
      if (found.isPresent()) {
        return found.get().directory() ? Mono.empty()
            : Mono.error(error(ErrorKind.NOT_A_DIRECTORY, "a file stands where a directory is needed", op, Paths.asFile(dir)));
      }
      return ensureDir(Paths.parent(dir), op).then(mkcol(Paths.asDirectory(dir), op));
    });
  }

  private Mono<Void> mkcol(String dir, String op) {
    return client.exchange(WebDavClient.MKCOL, paths.url(dir), h -> { }, null)
        .onErrorMap(e -> WebDavErrors.map(e, op, dir))
        .flatMap(a -> a.status() == 201 || a.status() == 405 || a.status() / 100 == 2 ? Mono.<Void>empty()
            : Mono.error(WebDavErrors.status(a.status(), "MKCOL", op, dir)));
  }

  static RdalException error(ErrorKind kind, String message, String op, String path) {
    return RdalException.builder(kind, message).backend(WebDavErrors.BACKEND).operation(op).path(path).build();
  }

  /** A write body gathered in memory, at most {@code max} bytes; each chunk copied, as producers reuse buffers. */
  private static final class Buffered {
    final List<byte[]> chunks = new ArrayList<>();
    final long max;
    final String path;
    long size;

    Buffered(long max, String path) {
      this.max = max;
      this.path = path;
    }

    Buffered add(ByteBuffer b) {
      if (size + b.remaining() > max) {
        throw error(ErrorKind.INVALID_INPUT, "the body is larger than max_buffered_upload (" + max + " bytes): the"
            + " server needs Content-Length, so bodies are buffered; raise max_buffered_upload, or set"
            + " chunked_upload=true for a server that accepts chunked PUTs", "write", path);
      }
      if (b.hasRemaining()) {
        chunks.add(copyOf(b));
        size += b.remaining();
      }
      return this;
    }
  }
}
