package dev.rdal.spring.webflux;

import dev.rdal.ObjectMeta;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/** The representation headers of an object: ETag, Last-Modified, Content-Type and Accept-Ranges. */
final class ObjectHeaders {

  private ObjectHeaders() {}

  /** The object's ETag as an HTTP entity tag (quoted), or null when the store has none. */
  static String etag(ObjectMeta meta) {
    String e = meta.etag();
    if (e == null || e.isEmpty()) {
      return null;
    }
    return e.startsWith("\"") || e.startsWith("W/\"") ? e : "\"" + e.replace("\"", "") + "\"";
  }

  /** The stored content type, or one guessed from the name, or {@code application/octet-stream}. */
  static MediaType contentType(ObjectMeta meta) {
    if (meta.contentType() != null) {
      try {
        return MediaType.parseMediaType(meta.contentType());
      } catch (RuntimeException e) {
        // a stored type that is not a media type: guess instead
      }
    }
    return MediaTypeFactory.getMediaType(meta.name()).orElse(MediaType.APPLICATION_OCTET_STREAM);
  }

  /** Sets the validators (ETag, Last-Modified) of {@code meta}. */
  static void validators(HttpHeaders h, ObjectMeta meta) {
    String etag = etag(meta);
    if (etag != null) {
      h.setETag(etag);
    }
    if (meta.lastModified() != null) {
      h.setLastModified(meta.lastModified());
    }
  }

  /** Sets the validators, Content-Type and Accept-Ranges of {@code meta}. */
  static void representation(HttpHeaders h, ObjectMeta meta) {
    validators(h, meta);
    h.setContentType(contentType(meta));
    h.set(HttpHeaders.ACCEPT_RANGES, "bytes");
  }
}
