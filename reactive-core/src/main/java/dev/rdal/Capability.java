package dev.rdal;

/**
 * One thing a backend can do. A backend declares its set as data ({@link Capabilities}); the operator
 * refuses an operation whose capability is absent with {@link ErrorKind#UNSUPPORTED} naming it, and the
 * behavior-test kit skips (with the reason) the cases that need it.
 */
public enum Capability {
  READ,
  /** Reads of a {@link ByteRange} other than the whole object. */
  RANGE_READ,
  /** {@link Operator#openReader(String)}: reads into the caller's buffer at a position. */
  POSITIONAL_READ,
  /** If-Match / If-None-Match on reads. */
  CONDITIONAL_READ,
  WRITE,
  /** Writes with {@link WriteOptions#ifNotExists()}. */
  WRITE_IF_NOT_EXISTS,
  /** Writes with {@link WriteOptions#append()}. */
  APPEND,
  /** Writes that store {@link WriteOptions#contentType()}. */
  CONTENT_TYPE,
  /** Writes that store {@link WriteOptions#userMetadata()}. */
  USER_METADATA,
  STAT,
  DELETE,
  /** Deleting many paths in one call of the store. */
  BATCH_DELETE,
  LIST,
  /** Recursive listings. */
  LIST_RECURSIVE,
  CREATE_DIR,
  COPY,
  RENAME,
  /** Presigned URLs that a plain HTTP client can use. */
  PRESIGN
}
