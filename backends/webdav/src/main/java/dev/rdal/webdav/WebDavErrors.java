package dev.rdal.webdav;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Maps HTTP statuses and client failures to {@link RdalException}s. Messages name the method and the status,
 * never a URL's credentials or a header value.
 */
final class WebDavErrors {

  static final String BACKEND = "webdav";

  private WebDavErrors() {}

  /** The error for an unexpected status of {@code method} on {@code path}. */
  static RdalException status(int status, String method, String op, String path) {
    ErrorKind kind;
    boolean temporary = false;
    String hint = "";
    switch (status) {
      case 401:
        kind = ErrorKind.PERMISSION_DENIED;
        hint = "; check username/password or token";
        break;
      case 403:
        kind = ErrorKind.PERMISSION_DENIED;
        break;
      case 404:
      case 410:
        kind = ErrorKind.NOT_FOUND;
        break;
      case 409:
        kind = ErrorKind.NOT_FOUND;
        hint = " (a parent collection is missing)";
        break;
      case 412:
      case 304:
        kind = ErrorKind.CONDITION_NOT_MET;
        break;
      case 416:
        kind = ErrorKind.RANGE_NOT_SATISFIABLE;
        break;
      case 423:
        kind = ErrorKind.UNEXPECTED;
        temporary = true;
        hint = " (the resource is locked)";
        break;
      case 429:
        kind = ErrorKind.RATE_LIMITED;
        temporary = true;
        break;
      case 408:
        kind = ErrorKind.UNEXPECTED;
        temporary = true;
        break;
      default:
        kind = ErrorKind.UNEXPECTED;
        temporary = status >= 500 && status != 501 && status != 505 && status != 507;
        if (status == 411) hint = "; the server needs Content-Length: leave chunked_upload off";
        if (status == 507) hint = "; the server is out of space";
    }
    return RdalException.builder(kind, "server answered " + method + " with HTTP " + status + hint)
        .temporary(temporary).backend(BACKEND).operation(op).path(path).build();
  }

  /** A failure of the client itself (connection refused or dropped, timeouts): temporary UNEXPECTED. */
  static RdalException map(Throwable e, String op, String path) {
    if (e instanceof RdalException) {
      return ((RdalException) e).withContext(BACKEND, op, path);
    }
    String what;
    if (e instanceof PrematureCloseException) {
      what = "the server closed the connection early";
    } else if (e instanceof ReadTimeoutException || e instanceof TimeoutException) {
      what = "no bytes arrived within response_timeout";
    } else if ("PoolAcquireTimeoutException".equals(e.getClass().getSimpleName())) {
      what = "no free connection within pending_acquire_timeout";
    } else if (e instanceof IOException) {
      what = "connection failed: " + e.getClass().getSimpleName();
    } else {
      what = "request failed: " + e.getClass().getSimpleName();
    }
    return RdalException.builder(ErrorKind.UNEXPECTED, what).cause(e).temporary(true)
        .backend(BACKEND).operation(op).path(path).build();
  }
}
