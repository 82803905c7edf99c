package dev.rdal.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rdal.ObjectMeta;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The {@code --json} output: one JSON object per line, with fields in a fixed order (documented in the
 * command's README). An entry is
 * {@code {"path","name","type","size","modified","etag","content_type"}}; absent values are {@code null}.
 */
final class JsonLines {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonLines() {}

  /** One entry as a line (without the newline). */
  static String entry(ObjectMeta m) {
    return entry(m, null);
  }

  /** One entry, led by {@code "location"} when it is not null (for {@code stat}). */
  static String entry(ObjectMeta m, String location) {
    StringWriter w = new StringWriter(160);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.writeStartObject();
      if (location != null) {
        g.writeStringField("location", location);
      }
      g.writeStringField("path", m.path());
      g.writeStringField("name", m.name());
      g.writeStringField("type", m.directory() ? "dir" : "file");
      g.writeNumberField("size", m.size());
      g.writeStringField("modified", m.lastModified() != null ? m.lastModified().toString() : null);
      g.writeStringField("etag", m.etag());
      g.writeStringField("content_type", m.contentType());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
