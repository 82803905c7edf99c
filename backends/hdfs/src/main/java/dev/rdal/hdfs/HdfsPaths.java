package dev.rdal.hdfs;

import dev.rdal.ErrorKind;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import java.net.URI;
import org.apache.hadoop.fs.Path;

/**
 * Turns rdal paths into HDFS paths that stay inside one root directory.
 *
 * <p>Refused with {@link ErrorKind#PERMISSION_DENIED}: absolute paths and {@code ..}, {@code .} or
 * empty segments (the operator normalises them away; a backend called directly gets them refused here),
 * so no path can name anything outside the root. HDFS has no symbolic links unless a cluster turns them
 * on ({@code test.SymlinkEnabledForTesting}); the backend never resolves one, and a listing shows a link
 * as neither file nor directory only if the cluster has them.
 *
 * <p>Refused with {@link ErrorKind#INVALID_INPUT}: a name containing {@code :}, which HDFS does not
 * allow in file names (and Hadoop's {@link Path} would read as a URI scheme).
 *
 * <p>The HDFS path of an rdal path is always fully qualified ({@code hdfs://authority/root/...}) and
 * built from the root's segments and the rdal path's segments alone, never parsed from user text as
 * a URI.
 */
final class HdfsPaths {

  private final URI namenode;
  private final String root;
  private final Path rootPath;

  /**
   * @param namenode {@code hdfs://authority}
   * @param root the normalised absolute root
   */
  HdfsPaths(URI namenode, String root) {
    this.namenode = namenode;
    this.root = root;
    this.rootPath = new Path(namenode.getScheme(), namenode.getAuthority(), root);
  }

  /** The root as a qualified HDFS path. */
  Path root() {
    return rootPath;
  }

  /** The HDFS path of a normalised rdal path (a file or a directory). */
  Path resolve(String path) {
    if (Paths.ROOT.equals(path)) {
      return rootPath;
    }
    if (path.startsWith("/")) {
      throw denied(path, "absolute paths are not allowed; paths are relative to the root");
    }
    String relative = Paths.asFile(path);
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw denied(path, "path must be normalised (no empty, '.' or '..' segments)");
      }
      if (segment.indexOf(':') >= 0) {
        throw RdalException.builder(ErrorKind.INVALID_INPUT,
            "HDFS does not allow ':' in a file or directory name").path(path).build();
      }
    }
    String full = root.equals("/") ? "/" + relative : root + "/" + relative;
    return new Path(namenode.getScheme(), namenode.getAuthority(), full);
  }

  private static RdalException denied(String path, String why) {
    return RdalException.builder(ErrorKind.PERMISSION_DENIED, why + "; use a path inside the hdfs root")
        .path(path).build();
  }
}
