package dev.rdal.hdfs;

import dev.rdal.PathOrder;
import dev.rdal.ObjectMeta;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A lazy listing in path order, read through {@link FileSystem#listStatusIterator}: HDFS answers a
 * directory in pages of {@code dfs.ls.limit} entries (1000 by default), and the next page is fetched only
 * when the consumer pulls past the current one, so memory is about one page per level of depth, never
 * the whole tree. Each pull blocks on the NameNode when it needs a new page; the backend turns the
 * iterator into a pull source, so pages are fetched on demand on the execution policy's threads.
 *
 * <p><b>Order.</b> rdal lists in {@link String} order of full paths, a directory keyed with its trailing
 * {@code /}; HDFS pages come in name order. The two differ only where a directory {@code d} is followed
 * by names {@code d<c>...} with {@code c} below {@code '/'} (such as {@code d-1} or {@code d.txt}), which
 * must come before {@code d/}. Entries are therefore held in a small queue until no later name can sort
 * before them (a name sorts no earlier than any name before it in the page order). A recursive walk is
 * depth first and enters a directory right after emitting it; because every path below {@code d/} sorts
 * between {@code d/} and the next sibling, this yields the global order.
 *
 * <p><b>start-after.</b> Entries at or before it are skipped; a subdirectory is entered only when
 * start-after lies inside it, so skipped subtrees are never listed.
 *
 * <p><b>Left out:</b> the writers' temporary files ({@link HdfsDefaults#TEMP_PREFIX}) and entries that
 * are neither files nor directories (symbolic links, on clusters that allow them). A directory that
 * vanishes while the walk runs lists empty.
 *
 * <p>IO errors surface from {@link #hasNext()} as {@link UncheckedIOException}.
 */
final class HdfsListing implements Iterator<ObjectMeta> {

  /** One directory being read: its rdal prefix, its page iterator and its held entries. */
  private static final class Level {
    final String prefix;
    final RemoteIterator<FileStatus> pages;
    final PriorityQueue<Entry> held = new PriorityQueue<>((a, b) -> PathOrder.compare(a.key, b.key));
    boolean drained;

    Level(String prefix, RemoteIterator<FileStatus> pages) {
      this.prefix = prefix;
      this.pages = pages;
    }
  }

  /** One listed entry, its sort key being its full rdal path. */
  private record Entry(String key, String name, FileStatus status) {}

  private final FileSystem fs;
  private final boolean recursive;
  private final String startAfter;
  private final Deque<Level> levels = new ArrayDeque<>();
  private ObjectMeta next;

  /**
   * Lists {@code dir} (already checked to be a directory inside the root) under the rdal prefix
   * {@code prefix} ({@code ""} for the root, else ending in {@code /}); blocks for the first page.
   */
  HdfsListing(FileSystem fs, org.apache.hadoop.fs.Path dir, String prefix, boolean recursive, String startAfter) {
    this.fs = fs;
    this.recursive = recursive;
    this.startAfter = startAfter;
    levels.push(open(dir, prefix));
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
      Level level = levels.peek();
      Entry e = take(level);
      if (e == null) {
        levels.pop();
        continue;
      }
      boolean descend = recursive && e.status.isDirectory();
      if (startAfter != null && PathOrder.compare(e.key, startAfter) <= 0) {
        if (descend && startAfter.startsWith(e.key)) {
          levels.push(open(e.status.getPath(), e.key));
        }
        continue;
      }
      if (descend) {
        levels.push(open(e.status.getPath(), e.key));
      }
      return HdfsMetas.of(e.key, e.status);
    }
    return null;
  }

  /** The level's next entry in key order, pulling pages as needed; null when it has no more. */
  private Entry take(Level level) {
    try {
      while (!level.drained) {
        Entry head = level.held.peek();
        if (!level.pages.hasNext()) {
          level.drained = true;
          break;
        }
        FileStatus s = level.pages.next();
        String name = s.getPath().getName();
        if (name.startsWith(HdfsDefaults.TEMP_PREFIX) || !(s.isFile() || s.isDirectory())) {
          continue;
        }
        Entry e = new Entry(s.isDirectory() ? level.prefix + name + "/" : level.prefix + name, name, s);
        level.held.add(e);
        // every later name is >= this one, and a key is never below its name: the held head is final
        if (head != null && PathOrder.compare(head.key, level.prefix + name) < 0) {
          return level.held.poll();
        }
      }
    } catch (FileNotFoundException vanished) {
      level.drained = true;
      level.held.clear();
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return level.held.poll();
  }

  private Level open(org.apache.hadoop.fs.Path dir, String prefix) {
    try {
      return new Level(prefix, fs.listStatusIterator(dir));
    } catch (FileNotFoundException vanished) {
      return new Level(prefix, new RemoteIterator<>() {
        @Override
        public boolean hasNext() {
          return false;
        }

        @Override
        public FileStatus next() {
          throw new NoSuchElementException();
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
