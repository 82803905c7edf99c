package dev.rdal.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that every Java block of every {@code README.md} below a root is a region of a compiled source.
 *
 * <p>The convention: a fenced {@code java} block is preceded (blank lines allowed) by
 * {@code <!-- snippet: path/from/the/root/Source.java#region -->}; the source marks the region with
 * {@code // tag::region[]} and {@code // end::region[]} lines. Several tag/end pairs of one name join
 * into one region (lines between an end and the next tag are left out, so a test may add what only it
 * needs); other tag lines inside are dropped; the region is dedented by its smallest indentation. The
 * block's text must equal the region line for line.
 */
final class SnippetCheck {

  static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+?)#([\\w.-]+)\\s*-->\\s*$");
  private static final Pattern FENCE = Pattern.compile("^\\s*(```+|~~~+)\\s*(\\S*).*$");
  private static final Pattern TAG_LINE = Pattern.compile("^\\s*//\\s*(tag|end)::([\\w.-]+)\\[\\]\\s*$");

  private SnippetCheck() {}

  /** The repository's root: the highest directory above {@code start} holding the rdal parent POM. */
  static Path repositoryRoot(Path start) {
    Path found = null;
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      if (Files.isRegularFile(pom) && read(pom).contains("<artifactId>rdal-parent</artifactId>")) {
        found = p;
      }
    }
    if (found == null) throw new IllegalStateException("no rdal parent POM above " + start.toAbsolutePath());
    return found;
  }

  /** Every README.md below {@code root}, build output, hidden and dependency folders left out. */
  static List<Path> readmes(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals("README.md"))
          .filter(p -> {
            for (Path segment : root.relativize(p)) {
              String s = segment.toString();
              if (s.equals("target") || s.equals("node_modules") || (s.startsWith(".") && s.length() > 1)) return false;
            }
            return true;
          })
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every problem of every README below {@code root}, each naming the file and line. */
  static List<String> check(Path root) {
    List<String> problems = new ArrayList<>();
    for (Path readme : readmes(root)) {
      problems.addAll(checkReadme(root, readme));
    }
    return problems;
  }

  /** The problems of one README. */
  static List<String> checkReadme(Path root, Path readme) {
    List<String> problems = new ArrayList<>();
    List<String> lines = lines(readme);
    String where = root.relativize(readme).toString();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) continue;
      String fence = open.group(1);
      int close = i + 1;
      while (close < lines.size() && !lines.get(close).trim().startsWith(fence)) close++;
      if (open.group(2).equalsIgnoreCase("java")) {
        problems.addAll(checkBlock(root, where, lines, i, close));
      }
      i = close;
    }
    return problems;
  }

  private static List<String> checkBlock(Path root, String where, List<String> lines, int open, int close) {
    int m = open - 1;
    while (m >= 0 && lines.get(m).isBlank()) m--;
    Matcher marker = m >= 0 ? MARKER.matcher(lines.get(m)) : null;
    String at = where + ":" + (open + 1);
    if (marker == null || !marker.matches()) {
      return List.of(at + ": a java block without a snippet marker; put <!-- snippet: path/To/Source.java#region -->"
          + " before it and the code between // tag::region[] and // end::region[] in a compiled test source");
    }
    Path source = root.resolve(marker.group(1)).normalize();
    if (!source.startsWith(root) || !Files.isRegularFile(source)) {
      return List.of(at + ": snippet source " + marker.group(1) + " does not exist");
    }
    List<String> region = region(lines(source), marker.group(2));
    if (region == null) {
      return List.of(at + ": " + marker.group(1) + " has no region '" + marker.group(2) + "' (// tag::"
          + marker.group(2) + "[] ... // end::" + marker.group(2) + "[])");
    }
    List<String> block = lines.subList(open + 1, Math.min(close, lines.size()));
    for (int k = 0; k < Math.max(block.size(), region.size()); k++) {
      String b = k < block.size() ? block.get(k) : null;
      String r = k < region.size() ? region.get(k) : null;
      if (b == null || !b.equals(r)) {
        return List.of(where + ":" + (open + 2 + k) + ": differs from " + marker.group(1) + "#" + marker.group(2)
            + "\n  README: " + (b == null ? "<block ended>" : b) + "\n  source: " + (r == null ? "<region ended>" : r));
      }
    }
    return List.of();
  }

  /** The dedented lines of region {@code name}, or null when the source has none. */
  static List<String> region(List<String> source, String name) {
    List<String> out = new ArrayList<>();
    boolean inside = false;
    boolean found = false;
    for (String line : source) {
      Matcher t = TAG_LINE.matcher(line);
      if (t.matches()) {
        if (t.group(2).equals(name)) {
          inside = t.group(1).equals("tag");
          found = true;
        }
        continue;
      }
      if (inside) out.add(line);
    }
    if (!found) return null;
    int indent = Integer.MAX_VALUE;
    for (String line : out) {
      if (!line.isBlank()) indent = Math.min(indent, line.length() - line.stripLeading().length());
    }
    List<String> dedented = new ArrayList<>();
    for (String line : out) {
      dedented.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
    }
    return dedented;
  }

  private static List<String> lines(Path p) {
    return List.of(read(p).split("\n", -1));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
