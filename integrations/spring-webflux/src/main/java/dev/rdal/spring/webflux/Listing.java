package dev.rdal.spring.webflux;

import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * One page of a directory's listing as JSON. The store's listing is lazy and read only as far as the page
 * needs ({@code limit + 1} entries, the last telling whether a next page exists); the cursor is the
 * last path of the page, base64url-encoded, and the next page starts after it.
 */
final class Listing {

  /** Entries per page when the request names no limit. */
  static final int DEFAULT_LIMIT = 100;

  /** The largest page a request may ask for. */
  static final int MAX_LIMIT = 1000;

  private Listing() {}

  /** The page of {@code dir} that the query parameters ask for, or an {@code INVALID_INPUT} error. */
  static Mono<ServerResponse> page(Operator operator, String dir, MultiValueMap<String, String> params) {
    return Mono.defer(() -> {
      int limit = limit(params.getFirst("limit"));
      String startAfter = cursor(params.getFirst("cursor"));
      boolean recursive = "true".equalsIgnoreCase(params.getFirst("recursive"));
      ListOptions options = new ListOptions(recursive, startAfter, limit + 1L);
      return operator.list(dir.isEmpty() ? "/" : dir, options).collectList()
          .flatMap(entries -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
              .bodyValue(json(entries, limit).getBytes(StandardCharsets.UTF_8)));
    });
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int l = Integer.parseInt(value.trim());
      if (l >= 1 && l <= MAX_LIMIT) {
        return l;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw RdalException.invalidInput("limit must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static String cursor(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw RdalException.invalidInput("cursor is not one this listing gave");
    }
  }

  private static String json(List<ObjectMeta> entries, int limit) {
    StringBuilder sb = new StringBuilder("{\"entries\":[");
    int n = Math.min(limit, entries.size());
    for (int i = 0; i < n; i++) {
      ObjectMeta m = entries.get(i);
      if (i > 0) sb.append(',');
      sb.append("{\"path\":").append(Json.string(m.path()))
          .append(",\"directory\":").append(m.directory())
          .append(",\"size\":").append(m.size())
          .append(",\"lastModified\":").append(Json.string(m.lastModified() == null ? null : m.lastModified().toString()))
          .append(",\"etag\":").append(Json.string(ObjectHeaders.etag(m)))
          .append(",\"contentType\":").append(Json.string(m.contentType()))
          .append('}');
    }
    String next = entries.size() > limit
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(entries.get(limit - 1).path().getBytes(StandardCharsets.UTF_8))
        : null;
    return sb.append("],\"next\":").append(Json.string(next)).append('}').toString();
  }
}
