package dev.rdal;

import java.util.Map;

/**
 * Options of one write.
 *
 * @param contentType the MIME type stored with the object, or null for the backend's default
 * @param userMetadata user metadata stored with the object (never null; empty by default)
 * @param ifNotExists fail with {@link ErrorKind#ALREADY_EXISTS} instead of overwriting; atomic against
 *     concurrent writers where the backend can make it so
 * @param append add the bytes to the end of an existing object (creating it if missing); needs
 *     {@link Capability#APPEND}
 * @param replayableBody the caller promises that the body may be subscribed more than once and gives the
 *     same bytes each time (as {@link Buffers#of(byte[])} does), so a write that failed with a temporary
 *     error may be retried; false by default, and then a retry layer never retries the write. The
 *     operator's {@code write(path, byte[])} methods set it.
 */
public record WriteOptions(String contentType, Map<String, String> userMetadata, boolean ifNotExists, boolean append,
    boolean replayableBody) {

  private static final WriteOptions DEFAULTS = new WriteOptions(null, Map.of(), false, false, false);

  /**
   * Copies the user metadata and refuses if-not-exists together with append.
   * @param contentType the content type to store; may be null
   * @param userMetadata user metadata to store; null for none
   * @param ifNotExists fail if the object exists
   * @param append append to the object
   * @param replayableBody whether the body may be subscribed again
   */
  public WriteOptions {
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    if (ifNotExists && append) {
      throw RdalException.invalidInput("ifNotExists and append cannot be combined");
    }
  }

  /**
   * Options whose body is not replayable.
   *
   * @param contentType the content type to store; may be null
   * @param userMetadata user metadata to store; may be null
   * @param ifNotExists fail if the object exists
   * @param append append to the object
   */
  public WriteOptions(String contentType, Map<String, String> userMetadata, boolean ifNotExists, boolean append) {
    this(contentType, userMetadata, ifNotExists, append, false);
  }

  /**
   * Overwrite, no content type, no metadata, a body read once.
   *
   * @return the defaults
   */
  public static WriteOptions defaults() {
    return DEFAULTS;
  }

  /**
   * These options storing a content type.
   *
   * @param contentType the content type; null for none
   * @return new options
   */
  public WriteOptions withContentType(String contentType) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append, replayableBody);
  }

  /**
   * These options storing user metadata.
   *
   * @param userMetadata keys and values; null for none
   * @return new options
   */
  public WriteOptions withUserMetadata(Map<String, String> userMetadata) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append, replayableBody);
  }

  /**
   * These options failing if the object exists.
   *
   * @param ifNotExists true to refuse an existing object
   * @return new options
   */
  public WriteOptions withIfNotExists(boolean ifNotExists) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append, replayableBody);
  }

  /**
   * These options appending to the object.
   *
   * @param append true to append
   * @return new options
   */
  public WriteOptions withAppend(boolean append) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append, replayableBody);
  }

  /**
   * These options, saying whether the body may be subscribed again for a retry (see {@link #replayableBody()}).
   *
   * @param replayableBody true when the body may be subscribed again
   * @return new options
   */
  public WriteOptions withReplayableBody(boolean replayableBody) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append, replayableBody);
  }
}
