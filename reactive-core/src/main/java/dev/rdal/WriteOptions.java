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
 */
public record WriteOptions(String contentType, Map<String, String> userMetadata, boolean ifNotExists, boolean append) {

  private static final WriteOptions DEFAULTS = new WriteOptions(null, Map.of(), false, false);

  public WriteOptions {
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    if (ifNotExists && append) {
      throw RdalException.invalidInput("ifNotExists and append cannot be combined");
    }
  }

  /** Overwrite, no content type, no metadata. */
  public static WriteOptions defaults() {
    return DEFAULTS;
  }

  public WriteOptions withContentType(String contentType) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append);
  }

  public WriteOptions withUserMetadata(Map<String, String> userMetadata) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append);
  }

  public WriteOptions withIfNotExists(boolean ifNotExists) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append);
  }

  public WriteOptions withAppend(boolean append) {
    return new WriteOptions(contentType, userMetadata, ifNotExists, append);
  }
}
