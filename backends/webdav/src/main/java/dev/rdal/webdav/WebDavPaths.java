package dev.rdal.webdav;

import dev.rdal.Paths;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Turns rdal paths into request URLs below the endpoint, and the {@code href}s of a multistatus answer back
 * into rdal paths.
 *
 * <p>Each path segment is percent-encoded as UTF-8, keeping only RFC 3986's unreserved characters, so any
 * name a store accepts survives the trip. An {@code href} may be absolute ({@code http://host/root/a}) or an
 * absolute path ({@code /root/a}); it is percent-decoded, must lie below the endpoint's root (else it is not
 * ours: {@code null}), and keeps a trailing slash when it names a collection.
 */
final class WebDavPaths {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String origin;
  /** The endpoint's root, decoded, starting and ending with '/'. */
  private final String rootPath;
  /** The endpoint's root, encoded as this class encodes paths. */
  private final String rootEncoded;

  WebDavPaths(URI endpoint) {
    this.origin = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
    this.rootPath = endpoint.getPath();
    this.rootEncoded = encodePath(rootPath);
  }

  /** The absolute URL of a normalised rdal path ({@code /} is the root; directories keep their slash). */
  String url(String path) {
    return origin + absolutePath(path);
  }

  /** The encoded absolute path of a normalised rdal path, as sent on the request line. */
  String absolutePath(String path) {
    return Paths.ROOT.equals(path) ? rootEncoded : rootEncoded + encodePath(path);
  }

  /**
   * The normalised rdal path an {@code href} names: relative to the root, a directory ending with '/', the
   * root itself as {@code /}; {@code null} when the href lies outside the root or cannot be decoded.
   */
  String pathOf(String href, boolean collection) {
    if (href == null) {
      return null;
    }
    String h = href.trim();
    int scheme = h.indexOf("://");
    if (scheme > 0 && h.indexOf('/') > scheme) {
      int slash = h.indexOf('/', scheme + 3);
      h = slash < 0 ? "/" : h.substring(slash);
    }
    int cut = indexOfAny(h, '?', '#');
    if (cut >= 0) {
      h = h.substring(0, cut);
    }
    String decoded = decode(h);
    if (decoded == null || !decoded.startsWith("/")) {
      return null;
    }
    String withSlash = decoded.endsWith("/") ? decoded : decoded + "/";
    if (withSlash.equals(rootPath)) {
      return Paths.ROOT;
    }
    if (!decoded.startsWith(rootPath)) {
      return null;
    }
    String rel = decoded.substring(rootPath.length());
    if (rel.isEmpty()) {
      return Paths.ROOT;
    }
    try {
      String normal = Paths.normalize(rel);
      if (collection) {
        return Paths.asDirectory(normal);
      }
      return normal;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == a || c == b) return i;
    }
    return -1;
  }

  /** Percent-encodes every character of a path but '/' and RFC 3986's unreserved ones. */
  static String encodePath(String path) {
    byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(utf8.length + 16);
    for (byte b : utf8) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  /** Percent-decodes as UTF-8 ('+' stays '+'); {@code null} for a malformed escape or invalid UTF-8. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) return null;
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) return null;
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        out.write(b, 0, b.length);
      }
    }
    java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    try {
      return decoder.decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  /** The endpoint's origin, {@code scheme://host:port}. */
  String origin() {
    return origin;
  }
}
