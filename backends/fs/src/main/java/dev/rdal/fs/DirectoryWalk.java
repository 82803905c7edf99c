package dev.rdal.fs;

import dev.rdal.ObjectMeta;
import dev.rdal.PathOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A lazy listing in path order, read one directory at a time as the iterator is pulled.
 *
 * <p><b>Order and memory.</b> Paths are emitted in UTF-8 byte order of their full path ({@link PathOrder};
 * directories with their trailing {@code /}), the order every rdal backend lists in. A directory stream has no
 * order, so each directory's entries (names and attributes, no content) are read and sorted when the
 * walk enters it, and its {@link DirectoryStream} is closed at once: memory is one directory's entries
 * per level of depth, never the whole tree, and no file handle stays open between pulls. A recursive walk
 * is depth first and enters a directory right after emitting it; because every path below {@code a/}
 * sorts between {@code a/} and the next sibling, this yields the global path order.
 *
 * <p><b>start-after.</b> Entries at or before it are skipped; a subdirectory is entered only when
 * start-after lies inside it, so skipped subtrees are never read.
 *
 * <p><b>What is left out.</b> The writer's temporary files ({@link FsDefaults#TEMP_PREFIX}); symbolic
 * links that lead outside the root or nowhere. Links to directories inside the root are listed as
 * directories but not entered (no cycles). Entries that vanish while the walk runs are skipped.
 *
 * <p>IO errors surface from {@link #hasNext()} as {@link UncheckedIOException}.
 */
final class DirectoryWalk implements Iterator<ObjectMeta> {

  /** One listed entry, its sort key being its full rdal path. */
  private record Entry(String key, Path file, BasicFileAttributes attributes, boolean enterable) {}

  private final RootedPaths paths;
  private final boolean recursive;
  private final String startAfter;
  private final Deque<Iterator<Entry>> levels = new ArrayDeque<>();
  private ObjectMeta next;

  /**
   * @param dir the directory to list, already checked to be inside the root
   * @param prefix its rdal path prefix ({@code ""} for the root, else ending in {@code /})
   */
  DirectoryWalk(RootedPaths paths, Path dir, String prefix, boolean recursive, String startAfter) {
    this.paths = paths;
    this.recursive = recursive;
    this.startAfter = startAfter;
    levels.push(read(dir, prefix));
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public ObjectMeta next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ObjectMeta out = next;
    next = null;
    return out;
  }

  private ObjectMeta advance() {
    while (!levels.isEmpty()) {
      Iterator<Entry> level = levels.peek();
      if (!level.hasNext()) {
        levels.pop();
        continue;
      }
      Entry e = level.next();
      boolean descend = recursive && e.enterable();
      if (startAfter != null && !PathOrder.isAfter(e.key(), startAfter)) {
        if (descend && startAfter.startsWith(e.key())) {
          levels.push(read(e.file(), e.key()));
        }
        continue;
      }
      if (descend) {
        levels.push(read(e.file(), e.key()));
      }
      return FileMetas.basic(e.key(), e.attributes());
    }
    return null;
  }

  private Iterator<Entry> read(Path dir, String prefix) {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (name.startsWith(FsDefaults.TEMP_PREFIX)) {
          continue;
        }
        Entry e = entry(child, prefix + name);
        if (e != null) {
          entries.add(e);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException vanished) {
      return List.<Entry>of().iterator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    entries.sort(Comparator.comparing(Entry::key, PathOrder.UTF8));
    return entries.iterator();
  }

  private Entry entry(Path child, String path) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      boolean link = a.isSymbolicLink();
      if (link) {
        if (!paths.isInside(child)) {
          return null;
        }
        a = Files.readAttributes(child, BasicFileAttributes.class);
      }
      if (a.isDirectory()) {
        return new Entry(path + "/", child, a, !link);
      }
      return new Entry(path, child, a, false);
    } catch (NoSuchFileException vanished) {
      return null;
    }
  }
}
