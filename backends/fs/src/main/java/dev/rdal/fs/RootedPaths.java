package dev.rdal.fs;

import dev.rdal.ErrorKind;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns rdal paths into file system paths that stay inside one root.
 *
 * <p>Refused with {@link ErrorKind#PERMISSION_DENIED}: absolute paths and {@code ..} segments (the
 * operator normalises them away; a backend called directly gets them refused here), and any path that
 * reaches outside the root through a symbolic link, whether the link is the last segment or a parent,
 * dangling or not. Links whose targets stay inside the root are followed.
 *
 * <p>Limits: the check runs before each operation. A link swapped in by another process between the
 * check and the use is not caught; Java offers no {@code openat}/{@code O_NOFOLLOW} walk to close that
 * window. Give untrusted processes no write access below the root.
 */
final class RootedPaths {

  /** Links followed while checking one path before it is refused as a loop. */
  private static final int MAX_LINK_DEPTH = 40;

  private final Path root;

  /** {@code realRoot} must be the root's real path (absolute, links resolved). */
  RootedPaths(Path realRoot) {
    this.root = realRoot;
  }

  Path root() {
    return root;
  }

  /** The file system path of a normalised rdal path; no link check. */
  Path resolve(String path) {
    if (Paths.ROOT.equals(path)) {
      return root;
    }
    if (path.startsWith("/")) {
      throw denied(path, "absolute paths are not allowed; paths are relative to the root");
    }
    String relative = Paths.asFile(path);
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw denied(path, "path must be normalised (no empty, '.' or '..' segments)");
      }
    }
    Path resolved = root.resolve(relative).normalize();
    if (!resolved.startsWith(root) || resolved.equals(root)) {
      throw denied(path, "path escapes the root");
    }
    return resolved;
  }

  /** The file system path of a normalised rdal path, checked to reach nothing outside the root. */
  Path confined(String path) throws IOException {
    Path p = resolve(path);
    check(p, path, 0);
    return p;
  }

  /** Whether an existing path (a listing entry) resolves inside the root; false for dangling links. */
  boolean isInside(Path p) {
    try {
      return p.toRealPath().startsWith(root);
    } catch (IOException e) {
      return false;
    }
  }

  private void check(Path p, String shown, int depth) throws IOException {
    if (depth > MAX_LINK_DEPTH) {
      throw denied(shown, "too many levels of symbolic links");
    }
    Path current = p;
    while (current != null && current.startsWith(root) && !current.equals(root)) {
      try {
        if (!current.toRealPath().startsWith(root)) {
          throw denied(shown, "a symbolic link leads outside the root");
        }
        return; // the deepest existing ancestor is inside; everything below it does not exist yet
      } catch (FileSystemException missingOrNotDirectory) {
        if (Files.isSymbolicLink(current)) {
          // a dangling link: it must not point outside, now or when its target appears
          Path parent = current.getParent().toRealPath();
          Path target = parent.resolve(Files.readSymbolicLink(current)).normalize();
          if (!target.startsWith(root)) {
            throw denied(shown, "a symbolic link leads outside the root");
          }
          check(target, shown, depth + 1);
          return;
        }
      }
      current = current.getParent();
    }
  }

  private static RdalException denied(String path, String why) {
    return RdalException.builder(ErrorKind.PERMISSION_DENIED, why + "; use a path inside the fs root")
        .path(path).build();
  }
}
