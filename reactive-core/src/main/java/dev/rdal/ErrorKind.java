package dev.rdal;

/**
 * What went wrong, as one closed vocabulary shared by every backend and layer.
 *
 * <p>Callers branch on the kind, never on a backend's own exception types. Whether an error is
 * worth retrying is a separate flag, {@link RdalException#isTemporary()}.
 */
public enum ErrorKind {
  /** The path does not exist (a missing object, or a missing parent directory). */
  NOT_FOUND,
  /** The path exists and the operation asked that it must not (if-not-exists, create of an existing target). */
  ALREADY_EXISTS,
  /** The store refused access, or the path escapes the operator's root. */
  PERMISSION_DENIED,
  /** The requested byte range cannot be served under the chosen {@link RangePolicy}. */
  RANGE_NOT_SATISFIABLE,
  /** A precondition failed: an ETag did not match, or the object changed during a resumed read. */
  CONDITION_NOT_MET,
  /** A file operation was asked of a directory. */
  IS_A_DIRECTORY,
  /** A directory operation was asked of a file, or a file stands where a parent directory is needed. */
  NOT_A_DIRECTORY,
  /** The arguments are malformed: a bad path, range or option. Never temporary. */
  INVALID_INPUT,
  /** The store asked the caller to slow down (HTTP 429, S3 SlowDown). Always temporary. */
  RATE_LIMITED,
  /** The backend lacks the capability the operation needs. */
  UNSUPPORTED,
  /** The configuration is missing a key, has a malformed value, or names an unknown scheme. */
  CONFIG_INVALID,
  /** Anything else; the cause carries the details. May be temporary (a dropped connection, HTTP 5xx). */
  UNEXPECTED
}
