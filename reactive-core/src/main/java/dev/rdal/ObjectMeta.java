package dev.rdal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a store knows about one object or directory: returned by stat, by writes, with reads and as
 * listing entries.
 *
 * @param path the normalised path relative to the operator's root; directories end with {@code /},
 *     the root is {@code /}
 * @param directory whether this is a directory (or a prefix, on stores without real directories)
 * @param size the size in bytes; 0 for directories
 * @param lastModified when it last changed, or null when the store does not say
 * @param etag an opaque version tag usable with if-match, or null when the store has none
 * @param contentType the stored MIME type, or null
 * @param userMetadata user metadata (never null)
 */
public record ObjectMeta(
    String path,
    boolean directory,
    long size,
    Instant lastModified,
    String etag,
    String contentType,
    Map<String, String> userMetadata) {

  /**
   * Validates the path and copies the user metadata.
   * @param path the normalized path
   * @param directory true for a directory
   * @param size the size in bytes
   * @param lastModified when it last changed; may be null
   * @param etag the ETag; may be null
   * @param contentType the content type; may be null
   * @param userMetadata user metadata; null for none
   */
  public ObjectMeta {
    Objects.requireNonNull(path, "path");
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
  }

  /**
   * A file's metadata with no content type or user metadata.
   *
   * @param path the file's path
   * @param size its size in bytes
   * @param lastModified when it last changed; may be null
   * @param etag its ETag; may be null
   * @return the metadata
   */
  public static ObjectMeta file(String path, long size, Instant lastModified, String etag) {
    return new ObjectMeta(path, false, size, lastModified, etag, null, Map.of());
  }

  /**
   * A directory's metadata.
   *
   * @param path the directory's path, ending with {@code /}
   * @param lastModified when it last changed; may be null
   * @return the metadata
   */
  public static ObjectMeta directory(String path, Instant lastModified) {
    return new ObjectMeta(path, true, 0, lastModified, null, null, Map.of());
  }

  /**
   * The last path segment (without the trailing {@code /} of a directory); empty for the root.
   *
   * @return the last segment of the path
   */
  public String name() {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /**
   * This metadata with another path (used when a layer or backend re-roots paths).
   *
   * @param newPath the path to report
   * @return the same metadata at {@code newPath}
   */
  public ObjectMeta withPath(String newPath) {
    return new ObjectMeta(newPath, directory, size, lastModified, etag, contentType, userMetadata);
  }
}
