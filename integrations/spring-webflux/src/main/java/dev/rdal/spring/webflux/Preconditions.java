package dev.rdal.spring.webflux;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;

/**
 * RFC 9110 section 13 preconditions, evaluated in the RFC's order against an object's ETag and
 * modification time: {@code If-Match} (strong comparison), else {@code If-Unmodified-Since}; then
 * {@code If-None-Match} (weak comparison), else {@code If-Modified-Since} (GET and HEAD only); and
 * {@code If-Range} (strong: an ETag, or a date equal to {@code Last-Modified}). A date that does not parse
 * is ignored, as the RFC says.
 */
final class Preconditions {

  /** What the preconditions decide. */
  enum Outcome { PROCEED, NOT_MODIFIED, FAILED }

  private Preconditions() {}

  /**
   * The outcome for a request with {@code headers} on an object with {@code etag} (an entity tag with its
   * quotes, or null when none) and {@code lastModified} (or null); {@code exists} is false for a missing
   * object (a PUT's target).
   */
  static Outcome evaluate(HttpHeaders headers, boolean safeMethod, boolean exists, String etag, Instant lastModified) {
    String ifMatch = headers.getFirst(HttpHeaders.IF_MATCH);
    if (ifMatch != null) {
      if (!exists || !matches(ifMatch, etag, true)) {
        return Outcome.FAILED;
      }
    } else {
      Instant since = date(headers.getFirst(HttpHeaders.IF_UNMODIFIED_SINCE));
      if (since != null && exists && lastModified != null && seconds(lastModified).isAfter(since)) {
        return Outcome.FAILED;
      }
    }
    String ifNoneMatch = headers.getFirst(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      if (exists && matches(ifNoneMatch, etag, false)) {
        return safeMethod ? Outcome.NOT_MODIFIED : Outcome.FAILED;
      }
    } else if (safeMethod) {
      Instant since = date(headers.getFirst(HttpHeaders.IF_MODIFIED_SINCE));
      if (since != null && exists && lastModified != null && !seconds(lastModified).isAfter(since)) {
        return Outcome.NOT_MODIFIED;
      }
    }
    return Outcome.PROCEED;
  }

  /**
   * Whether a {@code Range} is to be honoured under the request's {@code If-Range}: true without one, else
   * only when it names the object's current version by a strong ETag or by its exact modification date.
   */
  static boolean ifRange(HttpHeaders headers, String etag, Instant lastModified) {
    String v = headers.getFirst(HttpHeaders.IF_RANGE);
    if (v == null) {
      return true;
    }
    v = v.trim();
    if (v.startsWith("\"") || v.startsWith("W/")) {
      return !v.startsWith("W/") && etag != null && !etag.startsWith("W/") && v.equals(etag);
    }
    Instant d = date(v);
    return d != null && lastModified != null && d.equals(seconds(lastModified));
  }

  /** Whether a list of entity tags (or {@code *}) matches {@code etag}, strongly or weakly. */
  static boolean matches(String list, String etag, boolean strong) {
    String l = list.trim();
    if ("*".equals(l)) {
      return true;
    }
    if (etag == null) {
      return false;
    }
    if (strong && etag.startsWith("W/")) {
      return false;
    }
    String opaque = opaque(etag);
    for (String tag : tags(l)) {
      if (strong && tag.startsWith("W/")) {
        continue;
      }
      if (opaque(tag).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /** The entity tags of a comma-separated list; commas inside quotes belong to a tag. */
  private static List<String> tags(String list) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < list.length()) {
      char c = list.charAt(i);
      if (c == ',' || c == ' ' || c == '\t') {
        i++;
        continue;
      }
      int start = i;
      if (list.startsWith("W/", i)) {
        i += 2;
      }
      if (i < list.length() && list.charAt(i) == '"') {
        int end = list.indexOf('"', i + 1);
        if (end < 0) {
          break; // malformed: no tag matches
        }
        out.add(list.substring(start, end + 1));
        i = end + 1;
      } else {
        while (i < list.length() && list.charAt(i) != ',') i++;
      }
    }
    return out;
  }

  /** An HTTP date (IMF-fixdate, or the obsolete forms Spring's headers accept), or null. */
  static Instant date(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US)).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code t} to whole seconds, the precision of an HTTP date. */
  static Instant seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS);
  }
}
