package dev.rdal.webdav;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses a WebDAV {@code 207 Multistatus} answer to PROPFIND with the JDK's StAX streaming parser: one pass,
 * no tree, no DTDs and no external entities, over an answer whose size the client already bounded
 * ({@code max_multistatus_bytes}).
 *
 * <p>Per {@code <response>} it takes the {@code href} and the properties of the {@code <propstat>} groups whose
 * status is 2xx; groups with another status (a 404 group listing properties the server does not have) are
 * ignored, and so are responses that carry a non-2xx {@code <status>} of their own. Element names are matched
 * by local name in the {@code DAV:} namespace (or in none, as some servers forget it). Text of unknown
 * elements is skipped; property text is capped at {@link #MAX_TEXT} characters.
 */
final class Multistatus {

  /** The longest property value or href kept; longer text fails the parse as malformed. */
  static final int MAX_TEXT = 64 * 1024;

  private static final XMLInputFactory FACTORY = factory();

  private Multistatus() {}

  /** One {@code <response>}: its href and the 2xx properties. */
  record Entry(String href, boolean collection, long size, Instant lastModified, String etag, String contentType) {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    return f;
  }

  /**
   * The entries of a multistatus document, in document order.
   *
   * @throws RdalException {@code UNEXPECTED} (permanent) when the document is not well-formed XML
   */
  static List<Entry> parse(byte[] xml) {
    List<Entry> out = new ArrayList<>();
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT && isDav(r, "response")) {
          Entry e = response(r);
          if (e != null) {
            out.add(e);
          }
        }
      }
      return out;
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof RdalException) throw (RdalException) e;
      throw RdalException.builder(ErrorKind.UNEXPECTED, "server sent a malformed multistatus answer: "
          + firstLine(e.getMessage())).cause(e).build();
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing held: the input is an array
        }
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "no details";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static boolean isDav(XMLStreamReader r, String local) {
    String ns = r.getNamespaceURI();
    return local.equals(r.getLocalName()) && (ns == null || ns.isEmpty() || "DAV:".equals(ns));
  }

  /** Reads one {@code <response>}, positioned on its start tag, up to its end tag. */
  private static Entry response(XMLStreamReader r) throws XMLStreamException {
    String href = null;
    boolean ok = true;
    Props kept = new Props();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.START_ELEMENT) {
        if (depth == 1 && isDav(r, "href")) {
          if (href == null) href = text(r);
        } else if (depth == 1 && isDav(r, "status")) {
          ok = isSuccess(text(r));
        } else if (depth == 1 && isDav(r, "propstat")) {
          Props p = propstat(r);
          if (p.success) kept.merge(p);
        } else {
          depth++;
        }
      }
    }
    if (!ok || href == null || href.isEmpty()) {
      return null;
    }
    boolean collection = kept.collection;
    return new Entry(href, collection, collection ? 0 : Math.max(0, kept.size), kept.lastModified, kept.etag,
        kept.contentType);
  }

  /** Reads one {@code <propstat>}, positioned on its start tag, up to its end tag. */
  private static Props propstat(XMLStreamReader r) throws XMLStreamException {
    Props p = new Props();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.START_ELEMENT) {
        if (depth == 1 && isDav(r, "status")) {
          p.success = isSuccess(text(r));
        } else if (depth == 1 && isDav(r, "prop")) {
          props(r, p);
        } else {
          depth++;
        }
      }
    }
    return p;
  }

  /** Reads one {@code <prop>}, positioned on its start tag, up to its end tag. */
  private static void props(XMLStreamReader r, Props p) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.START_ELEMENT) {
        if (depth == 1 && isDav(r, "resourcetype")) {
          p.collection = containsCollection(r);
        } else if (depth == 1 && isDav(r, "getcontentlength")) {
          p.size = parseLong(text(r));
        } else if (depth == 1 && isDav(r, "getlastmodified")) {
          p.lastModified = parseDate(text(r));
        } else if (depth == 1 && isDav(r, "getetag")) {
          String t = text(r).trim();
          p.etag = t.isEmpty() ? null : t;
        } else if (depth == 1 && isDav(r, "getcontenttype")) {
          String t = text(r).trim();
          p.contentType = t.isEmpty() ? null : t;
        } else {
          depth++;
        }
      }
    }
  }

  /** Whether a {@code <resourcetype>} holds {@code <collection/>}; consumes it up to its end tag. */
  private static boolean containsCollection(XMLStreamReader r) throws XMLStreamException {
    boolean collection = false;
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.START_ELEMENT) {
        if (isDav(r, "collection")) collection = true;
        depth++;
      }
    }
    return collection;
  }

  /** The text of a simple element (child elements are skipped), capped at {@link #MAX_TEXT}. */
  private static String text(XMLStreamReader r) throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (depth == 1 && (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
          || ev == XMLStreamConstants.SPACE)) {
        if (sb.length() + r.getTextLength() > MAX_TEXT) {
          throw new XMLStreamException("element text longer than " + MAX_TEXT + " characters");
        }
        sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
      }
    }
    return sb.toString();
  }

  /** Whether a status line such as {@code HTTP/1.1 200 OK} says 2xx. */
  static boolean isSuccess(String statusLine) {
    String[] parts = statusLine.trim().split("\\s+");
    return parts.length >= 2 && parts[1].length() == 3 && parts[1].charAt(0) == '2'
        && Character.isDigit(parts[1].charAt(1)) && Character.isDigit(parts[1].charAt(2));
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** An RFC 1123 date ({@code getlastmodified}), or null when the server wrote something else. */
  static Instant parseDate(String s) {
    String t = s.trim();
    if (t.isEmpty()) return null;
    try {
      return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** Properties of one propstat group, merged across the 2xx groups of a response. */
  private static final class Props {
    boolean success;
    boolean collection;
    long size = -1;
    Instant lastModified;
    String etag;
    String contentType;

    void merge(Props o) {
      collection |= o.collection;
      if (o.size >= 0) size = o.size;
      if (o.lastModified != null) lastModified = o.lastModified;
      if (o.etag != null) etag = o.etag;
      if (o.contentType != null) contentType = o.contentType;
    }
  }
}
