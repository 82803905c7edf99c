package dev.rdal.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The ETag an object gets from what a write sent, so a write refused on the SDK's retry (NoSuchUpload after
 * a completion whose answer was lost, 412 after a create-only PUT whose answer was lost) can tell whether
 * the object a HEAD then finds is its own.
 *
 * <p>A single PUT's ETag is the MD5 of its bytes; a multipart object's is the MD5 of its parts' binary MD5s
 * followed by {@code -<parts>}. Both hold for objects stored without SSE-KMS encryption; with it, ETags are
 * not MD5s, nothing matches, and the refusal is reported as it came, never a false success.
 */
final class S3WriteCheck {

  private S3WriteCheck() {}

  /** The ETag of a single PUT of these bytes (read without moving the buffers' positions). */
  static String singlePutEtag(List<ByteBuffer> buffers) {
    MessageDigest md5 = md5();
    for (ByteBuffer b : buffers) {
      md5.update(b.duplicate());
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /** The ETag of a multipart object of these parts (in part order), or null when a part's ETag is no MD5. */
  static String multipartEtag(List<CompletedPart> parts) {
    MessageDigest md5 = md5();
    for (CompletedPart p : parts) {
      String hex = unquote(p.eTag());
      if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return null;
      }
      md5.update(HexFormat.of().parseHex(hex));
    }
    return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
  }

  /** Whether two ETags are equal, quoted or not, in any case of hex digits. */
  static boolean sameEtag(String found, String expected) {
    return found != null && expected != null && unquote(found).equals(unquote(expected));
  }

  private static String unquote(String etag) {
    String e = etag == null ? "" : etag.trim();
    if (e.startsWith("W/")) e = e.substring(2);
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) e = e.substring(1, e.length() - 1);
    return e.toLowerCase(Locale.ROOT);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
