package dev.rdal.spring.webflux;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * rdal errors as RFC 9457 problem details ({@code application/problem+json}) with a mapped status.
 *
 * <table>
 *   <caption>statuses</caption>
 *   <tr><th>error</th><th>status</th></tr>
 *   <tr><td>any temporary error ({@link RdalException#isTemporary()}), {@code RATE_LIMITED}</td>
 *       <td>503, with {@code Retry-After}</td></tr>
 *   <tr><td>{@code NOT_FOUND}</td><td>404</td></tr>
 *   <tr><td>{@code PERMISSION_DENIED}</td><td>403</td></tr>
 *   <tr><td>{@code RANGE_NOT_SATISFIABLE}</td><td>416</td></tr>
 *   <tr><td>{@code CONDITION_NOT_MET}</td><td>412</td></tr>
 *   <tr><td>{@code UNSUPPORTED}</td><td>501</td></tr>
 *   <tr><td>{@code INVALID_INPUT}</td><td>400</td></tr>
 *   <tr><td>{@code ALREADY_EXISTS}, {@code IS_A_DIRECTORY}, {@code NOT_A_DIRECTORY}</td><td>409</td></tr>
 *   <tr><td>{@code CONFIG_INVALID}, {@code UNEXPECTED}, any other exception</td><td>500</td></tr>
 * </table>
 *
 * <p>What reaches the client is a fixed title and detail per kind; only an {@code INVALID_INPUT} error
 * adds its own message (which names what was wrong with the request), never the backend, the
 * configuration, a cause or a stack trace.
 */
public final class ProblemDetails {

  /** Seconds a client is asked to wait after a temporary error ({@code Retry-After}). */
  public static final long RETRY_AFTER_SECONDS = 1;

  /** The media type of a problem detail. */
  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private ProblemDetails() {}

  /**
   * The status an error maps to (see the class comment).
   *
   * @param error the error, of any type
   * @return its status
   */
  public static HttpStatus status(Throwable error) {
    if (!(error instanceof RdalException)) {
      return HttpStatus.INTERNAL_SERVER_ERROR;
    }
    RdalException e = (RdalException) error;
    if (e.isTemporary() || e.kind() == ErrorKind.RATE_LIMITED) {
      return HttpStatus.SERVICE_UNAVAILABLE;
    }
    switch (e.kind()) {
      case NOT_FOUND:
        return HttpStatus.NOT_FOUND;
      case PERMISSION_DENIED:
        return HttpStatus.FORBIDDEN;
      case RANGE_NOT_SATISFIABLE:
        return HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
      case CONDITION_NOT_MET:
        return HttpStatus.PRECONDITION_FAILED;
      case UNSUPPORTED:
        return HttpStatus.NOT_IMPLEMENTED;
      case INVALID_INPUT:
        return HttpStatus.BAD_REQUEST;
      case ALREADY_EXISTS:
      case IS_A_DIRECTORY:
      case NOT_A_DIRECTORY:
        return HttpStatus.CONFLICT;
      default:
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
  }

  /**
   * The problem detail of an error, with its mapped status, a title and a client-safe detail.
   *
   * @param error the error, of any type
   * @return the problem detail
   */
  public static ProblemDetail of(Throwable error) {
    HttpStatus status = status(error);
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail(error, status));
    pd.setTitle(status.getReasonPhrase());
    return pd;
  }

  private static String detail(Throwable error, HttpStatus status) {
    if (!(error instanceof RdalException)) {
      return "the request could not be completed";
    }
    RdalException e = (RdalException) error;
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      return "the store is temporarily unavailable; try again later";
    }
    switch (e.kind()) {
      case NOT_FOUND:
        return "no object at this path";
      case PERMISSION_DENIED:
        return "access to this path is denied";
      case RANGE_NOT_SATISFIABLE:
        return "the range asks for no byte of the object";
      case CONDITION_NOT_MET:
        return "a precondition of the request does not hold for the object";
      case UNSUPPORTED:
        return "the store cannot do this";
      case INVALID_INPUT:
        return ownMessage(e);
      case ALREADY_EXISTS:
        return "an object exists at this path";
      case IS_A_DIRECTORY:
        return "the path names a directory";
      case NOT_A_DIRECTORY:
        return "a file stands where a directory is needed";
      default:
        return "the request could not be completed";
    }
  }

  /** The error's message without its kind and its context (backend, operation, path). */
  private static String ownMessage(RdalException e) {
    String m = e.getMessage().replaceFirst("^[A-Z_]+( \\(temporary\\))?: ", "");
    int ctx = m.lastIndexOf(" [");
    return ctx > 0 && m.endsWith("]") ? m.substring(0, ctx) : m;
  }

  /**
   * The response for an error: its problem detail as {@code application/problem+json}, with
   * {@code Retry-After} on a 503.
   *
   * @param error the error, of any type
   * @return the response
   */
  public static Mono<ServerResponse> response(Throwable error) {
    return response(of(error), null, h -> { });
  }

  /**
   * The response carrying {@code problem}, its {@code instance} set to {@code instance} when not null.
   *
   * @param problem the problem detail
   * @param instance the request path the problem is about, or null
   * @param headers sets further headers of the response
   * @return the response, with {@code Retry-After} on a 503
   */
  static Mono<ServerResponse> response(ProblemDetail problem, String instance, Consumer<HttpHeaders> headers) {
    if (instance != null) {
      try {
        problem.setInstance(URI.create(instance));
      } catch (IllegalArgumentException e) {
        // a path that is no URI reference: the problem goes without its instance
      }
    }
    ServerResponse.BodyBuilder b = ServerResponse.status(problem.getStatus()).contentType(PROBLEM_JSON);
    if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
      b.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
    }
    return b.headers(headers).bodyValue(json(problem).getBytes(StandardCharsets.UTF_8));
  }

  /** The problem detail as JSON text (type, title, status, detail, instance). */
  static String json(ProblemDetail p) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"type\":").append(Json.string(p.getType() == null ? "about:blank" : p.getType().toString()));
    if (p.getTitle() != null) sb.append(",\"title\":").append(Json.string(p.getTitle()));
    sb.append(",\"status\":").append(p.getStatus());
    if (p.getDetail() != null) sb.append(",\"detail\":").append(Json.string(p.getDetail()));
    if (p.getInstance() != null) sb.append(",\"instance\":").append(Json.string(p.getInstance().toString()));
    return sb.append('}').toString();
  }
}
