package dev.rdal.spring.webflux;

import dev.rdal.ByteRange;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** The handlers behind {@link ObjectEndpoint}: one store, one base path. */
final class ObjectHandlers {

  /** The query parameter that asks for a listing. */
  static final String LIST_PARAM = "list";

  /** Times a read starts over when the object changed between its metadata and its body. */
  static final int VERSION_ATTEMPTS = 3;

  private static final Log LOG = LogFactory.getLog(ObjectEndpoint.class);

  private final Operator operator;
  private final String basePath;
  private final boolean writable;
  private final boolean lent;
  private final boolean zeroCopy;

  ObjectHandlers(Operator operator, String basePath, boolean writable, boolean lent, boolean zeroCopy) {
    this.operator = operator;
    this.basePath = basePath;
    this.writable = writable;
    this.lent = lent;
    this.zeroCopy = zeroCopy;
  }

  // ------------------------------------------------------------------ reads

  Mono<ServerResponse> get(ServerRequest request) {
    return Mono.defer(() -> {
      String path = objectPath(request);
      if (isListing(request, path)) {
        return Listing.page(operator, path, request.queryParams());
      }
      return operator.stat(path)
          .flatMap(meta -> answerGet(request, path, meta))
          .retryWhen(Retry.max(VERSION_ATTEMPTS - 1).filter(VersionChanged.class::isInstance)
              .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }).onErrorResume(e -> problem(request, e));
  }

  Mono<ServerResponse> list(ServerRequest request) {
    return Mono.defer(() -> Listing.page(operator, objectPath(request), request.queryParams()))
        .onErrorResume(e -> problem(request, e));
  }

  private Mono<ServerResponse> answerGet(ServerRequest request, String path, ObjectMeta meta) {
    if (meta.directory()) {
      return Mono.error(RdalException.of(ErrorKind.IS_A_DIRECTORY, "path names a directory"));
    }
    HttpHeaders h = request.headers().asHttpHeaders();
    String etag = ObjectHeaders.etag(meta);
    Preconditions.Outcome outcome = Preconditions.evaluate(h, true, true, etag, meta.lastModified());
    if (outcome != Preconditions.Outcome.PROCEED) {
      return preconditionAnswer(request, outcome, meta);
    }
    RangeHeader range = Preconditions.ifRange(h, etag, meta.lastModified())
        ? RangeHeader.parse(h.getFirst(HttpHeaders.RANGE), meta.size())
        : RangeHeader.parse(null, meta.size());
    if (range.unsatisfiable()) {
      return rangeNotSatisfiable(request, meta.size());
    }
    ByteRange wanted = range.ignored() ? ByteRange.all() : byteRange(range.served(meta.size()));
    ReadOptions options = ReadOptions.range(wanted).withLentBuffers(lent);
    if (meta.etag() != null && operator.capabilities().has(Capability.CONDITIONAL_READ)) {
      options = options.withIfMatch(meta.etag()); // pin the body to the version the headers describe
    }
    return operator.readWithMeta(path, options)
        .onErrorMap(e -> RdalException.isKind(e, ErrorKind.CONDITION_NOT_MET), e -> new VersionChanged())
        .flatMap(result -> {
          if (!sameVersion(meta, result.meta())) {
            result.discard();
            return Mono.error(new VersionChanged());
          }
          return answerRead(request, path, result, !range.ignored());
        });
  }

  private static ByteRange byteRange(ContentRange served) {
    return ByteRange.of(served.first(), served.length());
  }

  private static boolean sameVersion(ObjectMeta a, ObjectMeta b) {
    return a.size() == b.size() && Objects.equals(a.etag(), b.etag());
  }

  private Mono<ServerResponse> answerRead(ServerRequest request, String path, ReadResult result, boolean partial) {
    ContentRange served = result.contentRange();
    ServerResponse.BodyBuilder b = ServerResponse.status(partial ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
        .headers(h -> ObjectHeaders.representation(h, result.meta()))
        .contentLength(served.length());
    if (partial) {
      b.header(HttpHeaders.CONTENT_RANGE, served.toHeader());
    }
    boolean sendfile = zeroCopy && request.exchange().getRequest().getSslInfo() == null;
    return b.body(ResponseBody.of(operator, path, result, lent, sendfile))
        .doOnDiscard(ReadResult.class, ReadResult::discard);
  }

  Mono<ServerResponse> head(ServerRequest request) {
    return Mono.defer(() -> {
      String path = objectPath(request);
      if (isListing(request, path)) {
        return Listing.page(operator, path, request.queryParams());
      }
      return operator.stat(path).flatMap(meta -> {
        if (meta.directory()) {
          return Mono.error(RdalException.of(ErrorKind.IS_A_DIRECTORY, "path names a directory"));
        }
        Preconditions.Outcome outcome = Preconditions.evaluate(request.headers().asHttpHeaders(), true, true,
            ObjectHeaders.etag(meta), meta.lastModified());
        if (outcome != Preconditions.Outcome.PROCEED) {
          return preconditionAnswer(request, outcome, meta);
        }
        return ServerResponse.ok().headers(h -> ObjectHeaders.representation(h, meta)).contentLength(meta.size()).build();
      });
    }).onErrorResume(e -> problem(request, e));
  }

  private Mono<ServerResponse> preconditionAnswer(ServerRequest request, Preconditions.Outcome outcome, ObjectMeta meta) {
    if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
      return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers(h -> ObjectHeaders.validators(h, meta)).build();
    }
    return problem(request, RdalException.of(ErrorKind.CONDITION_NOT_MET, "precondition failed"));
  }

  private Mono<ServerResponse> rangeNotSatisfiable(ServerRequest request, long size) {
    RdalException e = RdalException.of(ErrorKind.RANGE_NOT_SATISFIABLE, "no satisfiable range");
    return ProblemDetails.response(ProblemDetails.of(e), request.path(), h -> {
      h.set(HttpHeaders.CONTENT_RANGE, ContentRange.unsatisfied(size).toHeader());
      h.set(HttpHeaders.ACCEPT_RANGES, "bytes");
    });
  }

  // ------------------------------------------------------------------ writes

  Mono<ServerResponse> put(ServerRequest request) {
    if (!writable) {
      return methodNotAllowed(request);
    }
    return Mono.defer(() -> {
      String path = objectPath(request);
      HttpHeaders h = request.headers().asHttpHeaders();
      String ifNoneMatch = h.getFirst(HttpHeaders.IF_NONE_MATCH);
      boolean createOnly = ifNoneMatch != null && "*".equals(ifNoneMatch.trim());
      boolean atomicCreate = createOnly && operator.capabilities().has(Capability.WRITE_IF_NOT_EXISTS);
      WriteOptions options = WriteOptions.defaults().withIfNotExists(atomicCreate);
      if (h.getContentType() != null && operator.capabilities().has(Capability.CONTENT_TYPE)) {
        options = options.withContentType(h.getContentType().toString());
      }
      WriteOptions o = options;
      boolean needsCheck = createOnly ? !atomicCreate || hasOtherPreconditions(h, false) : hasOtherPreconditions(h, true);
      Mono<Void> checked = needsCheck ? check(request, path, h) : Mono.empty();
      return checked
          .then(Mono.defer(() -> operator.write(path,
              DataBuffers.toByteBuffers(request.body(BodyExtractors.toDataBuffers())), o)))
          .onErrorMap(e -> createOnly && RdalException.isKind(e, ErrorKind.ALREADY_EXISTS),
              e -> RdalException.of(ErrorKind.CONDITION_NOT_MET, "an object exists at this path"))
          .flatMap(meta -> ServerResponse.status(createOnly ? HttpStatus.CREATED : HttpStatus.OK)
              .headers(rh -> ObjectHeaders.validators(rh, meta)).build());
    }).onErrorResume(e -> problem(request, e));
  }

  Mono<ServerResponse> delete(ServerRequest request) {
    if (!writable) {
      return methodNotAllowed(request);
    }
    return Mono.defer(() -> {
      String path = objectPath(request);
      HttpHeaders h = request.headers().asHttpHeaders();
      Mono<Void> checked = hasOtherPreconditions(h, true) ? check(request, path, h) : Mono.empty();
      return checked.then(operator.delete(path)).then(ServerResponse.noContent().build());
    }).onErrorResume(e -> problem(request, e));
  }

  private static boolean hasOtherPreconditions(HttpHeaders h, boolean withIfNoneMatch) {
    return h.getFirst(HttpHeaders.IF_MATCH) != null || h.getFirst(HttpHeaders.IF_UNMODIFIED_SINCE) != null
        || (withIfNoneMatch && h.getFirst(HttpHeaders.IF_NONE_MATCH) != null);
  }

  /**
   * The preconditions of a write, checked against the object's current metadata. Not atomic with the
   * write that follows: no store here offers a conditional overwrite (only create-only is atomic, where
   * the store declares {@link Capability#WRITE_IF_NOT_EXISTS}).
   */
  private Mono<Void> check(ServerRequest request, String path, HttpHeaders h) {
    return operator.stat(path).map(Optional::of)
        .onErrorResume(e -> RdalException.isKind(e, ErrorKind.NOT_FOUND), e -> Mono.just(Optional.empty()))
        .flatMap(current -> {
          boolean exists = current.isPresent() && !current.get().directory();
          String etag = exists ? ObjectHeaders.etag(current.get()) : null;
          Preconditions.Outcome outcome = Preconditions.evaluate(h, false, exists, etag,
              exists ? current.get().lastModified() : null);
          return outcome == Preconditions.Outcome.PROCEED ? Mono.<Void>empty()
              : Mono.error(RdalException.of(ErrorKind.CONDITION_NOT_MET, "precondition failed"));
        });
  }

  Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
        writable ? "this endpoint serves GET, HEAD, PUT and DELETE" : "this endpoint is read-only");
    p.setTitle(HttpStatus.METHOD_NOT_ALLOWED.getReasonPhrase());
    return ProblemDetails.response(p, request.path(),
        h -> h.set(HttpHeaders.ALLOW, writable ? "GET, HEAD, PUT, DELETE" : "GET, HEAD"));
  }

  // ------------------------------------------------------------------ helpers

  private static boolean isListing(ServerRequest request, String path) {
    return request.queryParams().containsKey(LIST_PARAM) || path.isEmpty() || path.endsWith("/");
  }

  /** The object path: the {@code path} variable when the route has one, else the path below the base. */
  String objectPath(ServerRequest request) {
    String p = request.pathVariables().get("path");
    if (p == null) {
      String raw = UriUtils.decode(request.requestPath().pathWithinApplication().value(), StandardCharsets.UTF_8);
      p = raw.startsWith(basePath) ? raw.substring(basePath.length()) : raw;
    }
    return p.startsWith("/") ? p.substring(1) : p;
  }

  private Mono<ServerResponse> problem(ServerRequest request, Throwable e) {
    Throwable error = e instanceof VersionChanged
        ? RdalException.builder(ErrorKind.CONDITION_NOT_MET, "object changed while being read").temporary(true).build()
        : e;
    HttpStatus status = ProblemDetails.status(error);
    if (status.is5xxServerError()) {
      LOG.warn("rdal endpoint " + request.method() + " " + request.path() + " failed", error);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("rdal endpoint " + request.method() + " " + request.path() + ": " + error);
    }
    return ProblemDetails.response(ProblemDetails.of(error), request.path(), h -> { });
  }

  /** The object changed between the metadata a read was decided on and its body: start over. */
  static final class VersionChanged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VersionChanged() {
      super("object changed between its metadata and its body", null, false, false);
    }
  }
}
