package dev.rdal.cli;

import dev.rdal.ErrorKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses locations: {@code memory:/path}, {@code fs:///abs/path}, {@code s3://bucket/key?region=...},
 * {@code <profile>:/path}, or a bare or relative path, which is a local file.
 */
final class Locations {

  private static final Pattern PREFIXED = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):(.*)", Pattern.DOTALL);
  /** Every local path is one fs store rooted at {@code /}, so local copies and moves stay in one store. */
  static final String LOCAL_KEY = "fs:///";

  private final java.util.function.Supplier<Profiles> profiles;
  private final Path workingDirectory;

  Locations(java.util.function.Supplier<Profiles> profiles, Path workingDirectory) {
    this.profiles = profiles;
    this.workingDirectory = workingDirectory;
  }

  Location parse(String text) {
    if (text == null || text.isEmpty()) {
      throw usage(text, "empty location");
    }
    Matcher m = PREFIXED.matcher(text);
    if (text.startsWith("/") || text.startsWith(".") || !m.matches()) {
      return local(text, text);
    }
    String prefix = m.group(1);
    String rest = m.group(2);
    return switch (prefix) {
      case "memory" -> new Location("memory:", "memory", Map.of(), stripSlashes(rest), text);
      case "fs" -> fs(text, rest);
      case "s3" -> s3(text);
      default -> profile(prefix, rest, text);
    };
  }

  private Location local(String text, String display) {
    Path p;
    try {
      p = workingDirectory.resolve(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw usage(display, "not a valid local path: " + e.getReason());
    }
    String path = stripSlashes(p.toString());
    if ((text.endsWith("/") || text.endsWith("/.") || text.equals(".")) && !path.isEmpty()) {
      path = path + "/";
    }
    return new Location(LOCAL_KEY, "fs", Map.of("root", "/"), path, display);
  }

  private Location fs(String text, String rest) {
    if (!rest.startsWith("//")) {
      throw usage(text, "an fs location is fs:///absolute/path");
    }
    URI uri = uri(text);
    if (uri.getRawAuthority() != null) {
      throw usage(text, "an fs location has no host: fs:///absolute/path");
    }
    Map<String, String> query = query(text, uri, "fs");
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    if (query.isEmpty()) {
      Location l = local(path, stripQuery(text));
      return new Location(l.storeKey(), l.type(), l.config(), l.path(), stripQuery(text));
    }
    Map<String, String> config = new LinkedHashMap<>(query);
    config.put("root", "/");
    return new Location("fs:///?" + uri.getRawQuery(), "fs", config, stripSlashes(path), stripQuery(text));
  }

  private Location s3(String text) {
    URI uri = uri(text);
    String bucket = uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw usage(text, "an s3 location is s3://bucket/key?region=...");
    }
    Map<String, String> config = new LinkedHashMap<>(query(text, uri, "s3"));
    config.put("bucket", bucket);
    String path = uri.getPath() == null ? "" : uri.getPath();
    String key = "s3://" + bucket + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    return new Location(key, "s3", config, stripLeading(path), stripQuery(text));
  }

  private Location profile(String name, String rest, String text) {
    Profile p = profiles.get().get(name);
    return new Location("profile:" + p.name(), p.type(), p.config(), stripLeading(rest), text);
  }

  private static Map<String, String> query(String text, URI uri, String type) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = uri.getRawQuery();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      String canonical = ProfileKeys.canonical(type, k).orElseThrow(() -> CliFailure.of(ErrorKind.CONFIG_INVALID,
          stripQuery(text), "unknown " + type + " parameter '" + k + "'; known: " + ProfileKeys.keys(type)));
      out.put(canonical, v);
    }
    return out;
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw usage(stripQuery(text), "malformed location (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
  }

  /** The location without its query, which may hold credentials. */
  static String stripQuery(String text) {
    int q = text.indexOf('?');
    return q < 0 ? text : text.substring(0, q);
  }

  private static String stripLeading(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return path.substring(i);
  }

  private static String stripSlashes(String path) {
    String p = stripLeading(path);
    boolean dir = p.endsWith("/");
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return dir && !p.isEmpty() ? p + "/" : p;
  }

  private static CliFailure usage(String location, String message) {
    return CliFailure.of(ErrorKind.INVALID_INPUT, location, message);
  }
}
