package dev.rdal.hdfs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * Moving a file into place, the commit of every write, copy and rename. Two forms:
 *
 * <ul>
 *   <li>{@link #replace}: the target is replaced if it is a file. On HDFS this is the NameNode's
 *       {@code rename(src, dst, OVERWRITE)}, one atomic step that throws typed errors. On another Hadoop
 *       file system (only when {@code fs.hdfs.impl} names one) a file at the target is deleted first,
 *       which is <b>not atomic</b>: readers may briefly find no file.
 *   <li>{@link #createNew}: the target must not exist, with {@code FileSystem.rename(src, dst)}, which
 *       HDFS performs atomically but answers with {@code false} instead of an exception in most cases.
 *       Each {@code false} is explained by looking at both paths afterwards:
 * </ul>
 *
 * <table>
 *   <caption>{@code rename(src, dst)} returned false: the kind rdal reports</caption>
 *   <tr><th>what is found</th><th>kind</th></tr>
 *   <tr><td>the source is missing</td><td>NOT_FOUND (the source)</td></tr>
 *   <tr><td>a file exists at the destination</td><td>ALREADY_EXISTS</td></tr>
 *   <tr><td>a directory exists at the destination</td><td>IS_A_DIRECTORY</td></tr>
 *   <tr><td>the destination's parent is missing</td><td>NOT_FOUND (the parent)</td></tr>
 *   <tr><td>the destination's parent is a file (HDFS 3.5 throws {@code ParentNotDirectoryException}
 *       here rather than answering false; both are mapped)</td><td>NOT_A_DIRECTORY</td></tr>
 *   <tr><td>none of these (the paths changed again meanwhile)</td><td>UNEXPECTED, temporary</td></tr>
 * </table>
 *
 * A directory at the destination is checked before the call too: given an existing directory,
 * {@code rename} moves the source <i>into</i> it and returns true, which must never happen to a temporary
 * file. A directory created there by another client between that check and the call still receives the
 * file; HDFS offers no atomic create-if-absent rename with a boolean answer.
 */
final class Renames {

  private Renames() {}

  /** Moves the file {@code src} onto {@code dst}, replacing a file there. */
  static void replace(FileSystem fs, Path src, Path dst) throws IOException {
    if (fs instanceof DistributedFileSystem dfs) {
      try {
        dfs.rename(src, dst, Options.Rename.OVERWRITE);
      } catch (ParentNotDirectoryException e) {
        throw parentIsFile(e);
      } catch (FileNotFoundException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
        throw explain(fs, src, dst, e);
      } catch (IOException e) {
        if (isDirectory(fs, dst)) {
          throw targetIsDirectory(e);
        }
        throw e;
      }
      return;
    }
    if (isDirectory(fs, dst)) {
      throw targetIsDirectory(null);
    }
    if (!renameOrParentIsFile(fs, src, dst)) {
      if (fs.exists(src) && isFile(fs, dst)) {
        fs.delete(dst, false);
        if (fs.rename(src, dst)) {
          return;
        }
      }
      throw explain(fs, src, dst, null);
    }
  }

  /** Moves the file {@code src} onto {@code dst}, which must not exist. */
  static void createNew(FileSystem fs, Path src, Path dst) throws IOException {
    if (isDirectory(fs, dst)) {
      throw targetIsDirectory(null);
    }
    boolean renamed;
    try {
      renamed = fs.rename(src, dst);
    } catch (ParentNotDirectoryException e) {
      throw parentIsFile(e);
    }
    if (!renamed) {
      throw explain(fs, src, dst, null);
    }
  }

  private static boolean renameOrParentIsFile(FileSystem fs, Path src, Path dst) throws IOException {
    try {
      return fs.rename(src, dst);
    } catch (ParentNotDirectoryException e) {
      throw parentIsFile(e);
    }
  }

  /** The typed error for a rename of {@code src} onto {@code dst} that did not happen (see the table). */
  static RdalException explain(FileSystem fs, Path src, Path dst, Throwable cause) throws IOException {
    if (!fs.exists(src)) {
      return error(ErrorKind.NOT_FOUND, "the source of the rename does not exist", cause);
    }
    FileStatus target = statusOrNull(fs, dst);
    if (target != null) {
      return target.isDirectory()
          ? targetIsDirectory(cause)
          : error(ErrorKind.ALREADY_EXISTS, "a file exists at the target", cause);
    }
    FileStatus parent = statusOrNull(fs, dst.getParent());
    if (parent == null) {
      return error(ErrorKind.NOT_FOUND, "the target's parent directory does not exist", cause);
    }
    if (!parent.isDirectory()) {
      return parentIsFile(cause);
    }
    return RdalException.builder(ErrorKind.UNEXPECTED,
            "HDFS refused the rename and the paths changed meanwhile; retry").temporary(true).cause(cause).build();
  }

  private static RdalException parentIsFile(Throwable cause) {
    return error(ErrorKind.NOT_A_DIRECTORY, "a file stands where the target's parent directory is needed", cause);
  }

  private static RdalException targetIsDirectory(Throwable cause) {
    return error(ErrorKind.IS_A_DIRECTORY, "a directory exists at the target", cause);
  }

  private static RdalException error(ErrorKind kind, String message, Throwable cause) {
    return RdalException.builder(kind, message).cause(cause).build();
  }

  private static boolean isDirectory(FileSystem fs, Path p) throws IOException {
    FileStatus s = statusOrNull(fs, p);
    return s != null && s.isDirectory();
  }

  private static boolean isFile(FileSystem fs, Path p) throws IOException {
    FileStatus s = statusOrNull(fs, p);
    return s != null && s.isFile();
  }

  static FileStatus statusOrNull(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException missing) {
      return null;
    } catch (ParentNotDirectoryException | org.apache.hadoop.fs.PathIsNotDirectoryException e) {
      return null;
    }
  }
}
