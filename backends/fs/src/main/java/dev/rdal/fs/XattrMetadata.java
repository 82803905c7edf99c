package dev.rdal.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores a file's content type and user metadata as user-defined extended attributes
 * ({@code user.rdal.content-type}, {@code user.rdal.meta.<key>}), where the file system supports them.
 * {@link #probe(Path)} decides once per backend; when they are unsupported the backend does not declare
 * the {@code CONTENT_TYPE} and {@code USER_METADATA} capabilities, so nothing is silently dropped.
 */
final class XattrMetadata {

  private static final String CONTENT_TYPE = "rdal.content-type";
  private static final String META_PREFIX = "rdal.meta.";
  private static final String PROBE = "rdal.probe";

  private XattrMetadata() {}

  /** Whether user attributes can be written and read back on the file system of {@code dir}. */
  static boolean probe(Path dir) {
    try {
      if (!Files.getFileStore(dir).supportsFileAttributeView(UserDefinedFileAttributeView.class)) {
        return false;
      }
      UserDefinedFileAttributeView view = view(dir);
      if (view == null) return false;
      view.write(PROBE, ByteBuffer.wrap(new byte[] {1}));
      boolean ok = view.list().contains(PROBE);
      view.delete(PROBE);
      return ok;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  static void write(Path file, String contentType, Map<String, String> userMetadata) throws IOException {
    if (contentType == null && userMetadata.isEmpty()) return;
    UserDefinedFileAttributeView view = view(file);
    if (contentType != null) {
      view.write(CONTENT_TYPE, StandardCharsets.UTF_8.encode(contentType));
    }
    for (Map.Entry<String, String> e : userMetadata.entrySet()) {
      view.write(META_PREFIX + e.getKey(), StandardCharsets.UTF_8.encode(e.getValue()));
    }
  }

  /** Copies every rdal attribute of {@code from} onto {@code to}. */
  static void copy(Path from, Path to) throws IOException {
    UserDefinedFileAttributeView src = view(from);
    UserDefinedFileAttributeView dst = view(to);
    for (String name : src.list()) {
      if (name.startsWith("rdal.")) {
        dst.write(name, value(src, name));
      }
    }
  }

  /** The stored content type (or null) and user metadata of {@code file}. */
  static Stored read(Path file) throws IOException {
    UserDefinedFileAttributeView view = view(file);
    String contentType = null;
    Map<String, String> meta = new TreeMap<>();
    for (String name : view.list()) {
      if (name.equals(CONTENT_TYPE)) {
        contentType = StandardCharsets.UTF_8.decode(value(view, name)).toString();
      } else if (name.startsWith(META_PREFIX)) {
        meta.put(name.substring(META_PREFIX.length()), StandardCharsets.UTF_8.decode(value(view, name)).toString());
      }
    }
    return new Stored(contentType, meta);
  }

  /**
   * Bytes a value is first read into. The JDK opens and closes the file for every attribute call, so
   * reading a value at its size would cost two opens; content types and most user metadata are shorter
   * than this and cost one, and a longer value is read again at its size.
   */
  static final int FIRST_READ_BYTES = 1024;

  private static ByteBuffer value(UserDefinedFileAttributeView view, String name) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(FIRST_READ_BYTES);
    try {
      view.read(name, b);
      return b.flip();
    } catch (FileSystemException tooLongOrGone) {
      // too long for the buffer (ERANGE), or gone or changed since the list: ask for its size, which
      // fails in turn when it is gone, so the caller sees the same error as before
      ByteBuffer whole = ByteBuffer.allocate(view.size(name));
      view.read(name, whole);
      return whole.flip();
    }
  }

  private static UserDefinedFileAttributeView view(Path p) {
    return Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
  }

  /** What {@link #read(Path)} found. */
  record Stored(String contentType, Map<String, String> userMetadata) {
    /** Nothing stored, or nothing read. */
    static final Stored NONE = new Stored(null, Map.of());
  }
}
