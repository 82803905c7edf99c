package dev.rdal.s3;

import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Maps what the SDK signals to {@link RdalException}s, in one place.
 *
 * <pre>
 * 404, NoSuchKey, NoSuchBucket            NOT_FOUND
 * 403 (AccessDenied, bad keys)            PERMISSION_DENIED
 * 304, 412 (If-Match / If-None-Match)     CONDITION_NOT_MET
 * 416 InvalidRange                        RANGE_NOT_SATISFIABLE, with the size when the answer
 *                                         carries Content-Range: bytes *&#47;size
 * 429, 503, SlowDown                      RATE_LIMITED (temporary)
 * other 5xx                               UNEXPECTED (temporary)
 * client-side IO (dropped connection)     UNEXPECTED (temporary)
 * anything else                           UNEXPECTED
 * </pre>
 *
 * Messages carry the S3 error code and request id, never credentials: the SDK's messages do not contain
 * them, and signatures are not part of an error answer.
 */
final class S3Errors {

  private S3Errors() {}

  /** The {@link RdalException} for {@code t}, with backend, operation and path filled in. */
  static RdalException map(Throwable t, String operation, String path) {
    Throwable e = unwrap(t);
    if (e instanceof RdalException) {
      return ((RdalException) e).withContext("s3", operation, path);
    }
    RdalException.Builder b;
    if (e instanceof S3Exception) {
      b = fromService((S3Exception) e);
    } else if (e instanceof SdkClientException || e instanceof java.io.IOException) {
      b = RdalException.builder(ErrorKind.UNEXPECTED, "S3 request failed on the client side: " + e.getMessage())
          .temporary(true);
    } else if (e instanceof CancellationException) {
      b = RdalException.builder(ErrorKind.UNEXPECTED, "S3 request was cancelled").temporary(true);
    } else {
      b = RdalException.builder(ErrorKind.UNEXPECTED, "S3 request failed: " + e);
    }
    return b.cause(e).backend("s3").operation(operation).path(path).build();
  }

  /** The HTTP status of a service error, or -1 for anything else. */
  static int status(Throwable t) {
    Throwable e = unwrap(t);
    return e instanceof S3Exception ? ((S3Exception) e).statusCode() : -1;
  }

  private static RdalException.Builder fromService(S3Exception e) {
    int status = e.statusCode();
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details != null && details.errorCode() != null ? details.errorCode() : "";
    String what = "S3 answered " + status + (code.isEmpty() ? "" : " " + code)
        + (e.requestId() != null ? " (request id " + e.requestId() + ")" : "");
    if (status == 404 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code)) {
      return RdalException.builder(ErrorKind.NOT_FOUND,
          "NoSuchBucket".equals(code) ? what + ": the bucket does not exist" : what + ": no such object");
    }
    if (status == 403) {
      return RdalException.builder(ErrorKind.PERMISSION_DENIED,
          what + ": check the credentials and the bucket policy");
    }
    if (status == 304 || status == 412) {
      return RdalException.builder(ErrorKind.CONDITION_NOT_MET, what + ": a precondition (ETag) did not hold");
    }
    if (status == 416) {
      RdalException.Builder b = RdalException.builder(ErrorKind.RANGE_NOT_SATISFIABLE,
          what + ": the range starts past the end of the object");
      objectSizeOf416(e).ifPresent(b::objectSize);
      return b;
    }
    if (status == 429 || status == 503 || "SlowDown".equals(code)) {
      return RdalException.builder(ErrorKind.RATE_LIMITED, what + ": the store asks to slow down").temporary(true);
    }
    if (status >= 500) {
      return RdalException.builder(ErrorKind.UNEXPECTED, what).temporary(true);
    }
    return RdalException.builder(ErrorKind.UNEXPECTED, what);
  }

  /** The object size an HTTP 416 answer states in {@code Content-Range: bytes *}{@code /size}, if any. */
  static Optional<Long> objectSizeOf416(S3Exception e) {
    AwsErrorDetails details = e.awsErrorDetails();
    if (details == null || details.sdkHttpResponse() == null) {
      return Optional.empty();
    }
    return details.sdkHttpResponse().firstMatchingHeader("Content-Range").flatMap(h -> {
      try {
        ContentRange cr = ContentRange.parse(h);
        return cr.isSizeKnown() ? Optional.of(cr.size()) : Optional.empty();
      } catch (RdalException malformed) {
        return Optional.empty();
      }
    });
  }

  static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
