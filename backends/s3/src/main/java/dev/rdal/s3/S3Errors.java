package dev.rdal.s3;

import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Maps what the SDK signals to {@link RdalException}s, in one place. Codes are AWS's documented error
 * codes; the SDK's own retries have run before anything reaches this table.
 *
 * <pre>
 * 301 PermanentRedirect, 400 AuthorizationHeaderMalformed,
 *   a bodiless 400 naming x-amz-bucket-region      CONFIG_INVALID, naming the bucket's region
 * 404, NoSuchKey, NoSuchBucket, NoSuchUpload      NOT_FOUND
 * ExpiredToken, InvalidToken, TokenRefreshRequired PERMISSION_DENIED: refresh the credentials
 * 403 InvalidObjectState                          PERMISSION_DENIED: an archived object, restore it first
 * 403 (AccessDenied, bad keys)                    PERMISSION_DENIED
 * 304, 412 (If-Match / If-None-Match)             CONDITION_NOT_MET
 * 416 InvalidRange                                RANGE_NOT_SATISFIABLE, with the size when the answer
 *                                                 carries Content-Range: bytes *&#47;size
 * MetadataTooLarge, InvalidArgument,
 *   KeyTooLongError, EntityTooLarge              INVALID_INPUT
 * a bodiless 400 (a HEAD of an SSE-C object)      UNSUPPORTED, naming SSE-C
 * 501 NotImplemented                              UNSUPPORTED
 * 429, 503, SlowDown                              RATE_LIMITED (temporary)
 * InternalError (also inside a 200 answer to
 *   CopyObject or CompleteMultipartUpload),
 *   RequestTimeout, OperationAborted,
 *   ConditionalRequestConflict, other 5xx        UNEXPECTED (temporary)
 * client side: credentials not found              CONFIG_INVALID
 * client side: IO, timeouts (dropped connection)  UNEXPECTED (temporary)
 * client side: anything else (XML parse failure)  UNEXPECTED
 * anything else                                   UNEXPECTED
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
      b = fromClient(e);
    } else if (e instanceof CancellationException) {
      b = RdalException.builder(ErrorKind.UNEXPECTED, "S3 request was cancelled").temporary(true);
    } else {
      b = RdalException.builder(ErrorKind.UNEXPECTED, "S3 request failed: " + e);
    }
    return b.cause(e).backend("s3").operation(operation).path(path).build();
  }

  /** The AWS error code of a service error, or "" for anything else. */
  static String code(Throwable t) {
    Throwable e = unwrap(t);
    if (!(e instanceof S3Exception)) return "";
    AwsErrorDetails d = ((S3Exception) e).awsErrorDetails();
    return d != null && d.errorCode() != null ? d.errorCode() : "";
  }

  /**
   * Whether the SDK sent the failed request more than once (or cannot say), so an answer may refer to an
   * earlier attempt that succeeded unseen.
   */
  static boolean maybeRetried(Throwable t) {
    Throwable e = unwrap(t);
    if (!(e instanceof software.amazon.awssdk.core.exception.SdkException)) return false;
    Integer attempts = ((software.amazon.awssdk.core.exception.SdkException) e).numAttempts();
    return attempts == null || attempts > 1;
  }

  /** The HTTP status of a service error, or -1 for anything else. */
  static int status(Throwable t) {
    Throwable e = unwrap(t);
    return e instanceof S3Exception ? ((S3Exception) e).statusCode() : -1;
  }

  /** Error codes AWS documents as worth a retry of the same request. */
  private static final Set<String> TEMPORARY_CODES = Set.of("InternalError", "RequestTimeout", "OperationAborted",
      "ConditionalRequestConflict");
  /** Error codes of a request that can never succeed as sent. */
  private static final Set<String> INVALID_INPUT_CODES = Set.of("MetadataTooLarge", "InvalidArgument",
      "KeyTooLongError", "EntityTooLarge");
  private static final Set<String> EXPIRED_CODES = Set.of("ExpiredToken", "InvalidToken", "TokenRefreshRequired");

  private static RdalException.Builder fromService(S3Exception e) {
    int status = e.statusCode();
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details != null && details.errorCode() != null ? details.errorCode() : "";
    String what = "S3 answered " + status + (code.isEmpty() ? "" : " " + code)
        + (e.requestId() != null ? " (request id " + e.requestId() + ")" : "");
    Optional<String> region = header(e, "x-amz-bucket-region");
    if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)
        || (status == 400 && code.isEmpty() && region.isPresent())) {
      return RdalException.builder(ErrorKind.CONFIG_INVALID, what + region
          .map(r -> ": the bucket is in region '" + r + "'; configure region=" + r)
          .orElse(": the bucket is in another region; configure its region"));
    }
    if (status == 404 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code) || "NoSuchUpload".equals(code)) {
      return RdalException.builder(ErrorKind.NOT_FOUND,
          "NoSuchBucket".equals(code) ? what + ": the bucket does not exist"
              : "NoSuchUpload".equals(code) ? what + ": the multipart upload no longer exists" : what + ": no such object");
    }
    if (EXPIRED_CODES.contains(code)) {
      return RdalException.builder(ErrorKind.PERMISSION_DENIED,
          what + ": the session token expired or is invalid; refresh the credentials");
    }
    if ("InvalidObjectState".equals(code)) {
      return RdalException.builder(ErrorKind.PERMISSION_DENIED, what
          + ": the object is archived (Glacier or Deep Archive storage class); restore it with RestoreObject first");
    }
    if (status == 403) {
      return RdalException.builder(ErrorKind.PERMISSION_DENIED,
          what + ": check the credentials and the bucket policy (without s3:ListBucket, S3 answers 403, "
              + "not 404, for a key that does not exist)");
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
    if (INVALID_INPUT_CODES.contains(code)) {
      String message = details != null && details.errorMessage() != null ? ": " + details.errorMessage() : "";
      return RdalException.builder(ErrorKind.INVALID_INPUT, what + message);
    }
    if (status == 400 && code.isEmpty()) {
      return RdalException.builder(ErrorKind.UNSUPPORTED, what + " without a reason, as it does to a HEAD of an "
          + "object encrypted with a customer-provided key (SSE-C); rdal does not send SSE-C keys");
    }
    if (status == 501 || "NotImplemented".equals(code)) {
      return RdalException.builder(ErrorKind.UNSUPPORTED, what + ": the store does not implement this request");
    }
    if (status == 429 || status == 503 || "SlowDown".equals(code)) {
      return RdalException.builder(ErrorKind.RATE_LIMITED, what + ": the store asks to slow down").temporary(true);
    }
    if ("ConditionalRequestConflict".equals(code)) {
      return RdalException.builder(ErrorKind.UNEXPECTED, what + ": a conflicting write was in progress; retry "
          + "(a multipart write starts a new upload, as a retried write does)").temporary(true);
    }
    if (TEMPORARY_CODES.contains(code) || status >= 500) {
      return RdalException.builder(ErrorKind.UNEXPECTED, what).temporary(true);
    }
    return RdalException.builder(ErrorKind.UNEXPECTED, what);
  }

  /**
   * A failure on the client's side: temporary when the network failed (an IO error or a timeout anywhere in
   * the causes), a configuration error when no credentials were found, else permanent (a response the SDK
   * could not parse will not parse on a retry either).
   */
  private static RdalException.Builder fromClient(Throwable e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Unable to load credentials")) {
      return RdalException.builder(ErrorKind.CONFIG_INVALID, "S3 request not sent: no credentials found; give "
          + "access_key_id and secret_access_key, or set up the SDK's default chain (environment, profile, "
          + "container or instance role): " + message);
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.io.IOException || c instanceof java.util.concurrent.TimeoutException
          || c instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException
          || c instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException) {
        return RdalException.builder(ErrorKind.UNEXPECTED, "S3 request failed on the client side: " + message)
            .temporary(true);
      }
    }
    return RdalException.builder(ErrorKind.UNEXPECTED, "S3 request failed on the client side: " + message);
  }

  private static Optional<String> header(S3Exception e, String name) {
    AwsErrorDetails details = e.awsErrorDetails();
    if (details == null || details.sdkHttpResponse() == null) {
      return Optional.empty();
    }
    return details.sdkHttpResponse().firstMatchingHeader(name);
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
