package dev.rdal.spring.webflux;

import dev.rdal.Operator;
import java.util.Objects;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * One store behind HTTP: {@code GET}, {@code HEAD}, {@code PUT} and {@code DELETE} of objects below a base
 * path, and a paginated JSON listing, with RFC 9110 ranges and conditionals and RFC 9457 problem details.
 *
 * <pre>{@code
 * ObjectEndpoint files = ObjectEndpoint.builder(operator).basePath("/files").writable(true).build();
 * RouterFunction<ServerResponse> routes = files.routes();
 * }</pre>
 *
 * <p>The object path of a request is the {@code path} path variable when the route has one (as a
 * {@code {*path}} pattern captures it), else the request path below {@link #basePath()}. A request with a
 * {@code list} query parameter, or whose object path is empty or ends with {@code /}, is a listing: see
 * {@link #listHandler()}. What each method answers is described in the module's README; in short, reads
 * decide ranges and preconditions from the object's metadata before any byte is read, serve exactly the
 * version whose size and ETag they announce, and stream the body with at most one copy (none for local
 * files sent by {@code sendfile}); writes stream the request body into an atomic write.
 *
 * <p>Read-only unless built with {@code writable(true)}: then {@code PUT} and {@code DELETE} answer 405.
 * Instances are immutable and thread-safe; the operator is the caller's to close.
 */
public final class ObjectEndpoint {

  private final ObjectHandlers handlers;
  private final String basePath;

  private ObjectEndpoint(Builder b) {
    this.basePath = b.basePath;
    this.handlers = new ObjectHandlers(b.operator, b.basePath, b.writable, b.lentBuffers, b.zeroCopy);
  }

  /**
   * A builder for an endpoint over {@code operator}.
   *
   * @param operator the store to serve; the caller keeps it open while the endpoint serves and closes it
   * @return a builder with base path {@code /objects}, read-only, lent buffers and zero-copy on
   * @throws NullPointerException when {@code operator} is null
   */
  public static Builder builder(Operator operator) {
    return new Builder(Objects.requireNonNull(operator, "operator"));
  }

  /**
   * The base path below which object paths start, without a trailing slash ({@code ""} for the root).
   *
   * @return the base path
   */
  public String basePath() {
    return basePath;
  }

  /**
   * The routes: {@code HEAD}, {@code GET} (objects and listings), {@code PUT} and {@code DELETE} on
   * {@code {basePath}/{*path}}.
   *
   * @return the router function
   */
  public RouterFunction<ServerResponse> routes() {
    String pattern = basePath + "/{*path}";
    RequestPredicate listing = request -> request.queryParams().containsKey(ObjectHandlers.LIST_PARAM);
    return RouterFunctions.route()
        .HEAD(pattern, handlers::head)
        .GET(pattern, listing, handlers::list)
        .GET(pattern, handlers::get)
        .PUT(pattern, handlers::put)
        .DELETE(pattern, handlers::delete)
        .route(request -> request.method() != HttpMethod.OPTIONS && request.path().startsWith(basePath),
            handlers::methodNotAllowed)
        .build();
  }

  /**
   * {@code GET} of an object (a listing when the object path is empty or ends with {@code /}, or with a
   * {@code list} parameter): 200, 206 for a range, 304, 412 or 416, or a problem detail.
   *
   * @return the handler
   */
  public HandlerFunction<ServerResponse> getHandler() {
    return handlers::get;
  }

  /**
   * {@code HEAD} of an object: the headers a {@code GET} without {@code Range} would send.
   *
   * @return the handler
   */
  public HandlerFunction<ServerResponse> headHandler() {
    return handlers::head;
  }

  /**
   * {@code PUT}: streams the request body into an atomic write; {@code If-None-Match: *} creates only,
   * {@code If-Match} writes only over that version. 405 unless writable.
   *
   * @return the handler
   */
  public HandlerFunction<ServerResponse> putHandler() {
    return handlers::put;
  }

  /**
   * {@code DELETE}: 204, also for a missing object; preconditions as for {@code PUT}. 405 unless writable.
   *
   * @return the handler
   */
  public HandlerFunction<ServerResponse> deleteHandler() {
    return handlers::delete;
  }

  /**
   * The listing of the directory an object path names, as JSON: {@code {"entries":[{"path","directory",
   * "size","lastModified","etag","contentType"}...],"next":cursor-or-null}}. Query parameters:
   * {@code limit} (1 to 1000, default 100), {@code cursor} (the {@code next} of the previous page),
   * {@code recursive=true}. Each page reads at most {@code limit + 1} entries from the store.
   *
   * @return the handler
   */
  public HandlerFunction<ServerResponse> listHandler() {
    return handlers::list;
  }

  /** Builds an {@link ObjectEndpoint}; not thread-safe. */
  public static final class Builder {
    private final Operator operator;
    private String basePath = "/objects";
    private boolean writable;
    private boolean lentBuffers = true;
    private boolean zeroCopy = true;

    private Builder(Operator operator) {
      this.operator = operator;
    }

    /**
     * The path below which objects are served; a trailing slash is dropped, {@code "/"} or {@code ""} serves
     * from the root.
     *
     * @param basePath the base path, starting with {@code /} unless empty
     * @return this builder
     * @throws IllegalArgumentException when the path is not empty and does not start with {@code /}, or
     *     holds a {@code {}, {@code }} or {@code *}
     */
    public Builder basePath(String basePath) {
      String p = Objects.requireNonNull(basePath, "basePath").trim();
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      if (!p.isEmpty() && !p.startsWith("/") || p.matches(".*[{}*].*")) {
        throw new IllegalArgumentException("basePath must start with '/' and hold no pattern: '" + basePath + "'");
      }
      this.basePath = p;
      return this;
    }

    /**
     * Whether {@code PUT} and {@code DELETE} are served (false by default: they answer 405).
     *
     * @param writable true to accept writes
     * @return this builder
     */
    public Builder writable(boolean writable) {
      this.writable = writable;
      return this;
    }

    /**
     * Whether reads ask the store for lent buffers, copied once into the response's buffers (true by
     * default), or for owned buffers, wrapped without a copy.
     *
     * @param lentBuffers true for lent buffers
     * @return this builder
     */
    public Builder lentBuffers(boolean lentBuffers) {
      this.lentBuffers = lentBuffers;
      return this;
    }

    /**
     * Whether a local file's range is sent with {@code sendfile} when the store offers a
     * {@link dev.rdal.LocalFileRegion} and the response is a zero-copy one (true by default). Never used
     * under TLS; Reactor Netty itself falls back to copying when compression is on.
     *
     * @param zeroCopy true to allow zero-copy
     * @return this builder
     */
    public Builder zeroCopy(boolean zeroCopy) {
      this.zeroCopy = zeroCopy;
      return this;
    }

    /**
     * The endpoint.
     *
     * @return a new endpoint
     */
    public ObjectEndpoint build() {
      return new ObjectEndpoint(this);
    }
  }
}
