package dev.rdal;

/**
 * One thing a backend can do. A backend declares its set as data ({@link Capabilities}); the operator
 * refuses an operation whose capability is absent with {@link ErrorKind#UNSUPPORTED} naming it, and the
 * behavior-test kit skips (with the reason) the cases that need it.
 */
public enum Capability {
  /**
   * Whole-object reads.
   */
  READ,
  /** Reads of a {@link ByteRange} other than the whole object. */
  RANGE_READ,
  /** {@link Operator#openReader(String)}: reads into the caller's buffer at a position. */
  POSITIONAL_READ,
  /** If-Match / If-None-Match on reads. */
  CONDITIONAL_READ,
  /**
   * Writes of whole objects.
   */
  WRITE,
  /** Writes with {@link WriteOptions#ifNotExists()}. */
  WRITE_IF_NOT_EXISTS,
  /** Writes with {@link WriteOptions#append()}. */
  APPEND,
  /** Writes that store {@link WriteOptions#contentType()}. */
  CONTENT_TYPE,
  /** Writes that store {@link WriteOptions#userMetadata()}. */
  USER_METADATA,
  /**
   * Metadata of a path ({@link Operator#stat(String)}).
   */
  STAT,
  /**
   * Deleting a path.
   */
  DELETE,
  /** Deleting many paths in one call of the store. */
  BATCH_DELETE,
  /**
   * Listing a directory's direct children.
   */
  LIST,
  /** Recursive listings. */
  LIST_RECURSIVE,
  /**
   * Creating a directory ({@link Operator#createDir(String)}).
   */
  CREATE_DIR,
  /**
   * Copying a file inside the store.
   */
  COPY,
  /**
   * Moving a file inside the store.
   */
  RENAME,
  /** Presigned URLs that a plain HTTP client can use. */
  PRESIGN
}
