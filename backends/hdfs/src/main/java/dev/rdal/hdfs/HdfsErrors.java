package dev.rdal.hdfs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.PathIsDirectoryException;
import org.apache.hadoop.fs.PathIsNotDirectoryException;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.PathNotFoundException;
import org.apache.hadoop.fs.PathPermissionException;
import org.apache.hadoop.hdfs.BlockMissingException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.ipc.RetriableException;
import org.apache.hadoop.ipc.StandbyException;
import org.apache.hadoop.security.AccessControlException;

/**
 * Maps Hadoop's errors to {@link ErrorKind}s. A {@link RemoteException} (the NameNode's answer) is first
 * unwrapped to the exception class it names.
 *
 * <table>
 *   <caption>Hadoop errors and their kinds</caption>
 *   <tr><th>Hadoop</th><th>kind</th><th>temporary</th></tr>
 *   <tr><td>{@code FileNotFoundException}, {@code PathNotFoundException}</td><td>NOT_FOUND</td><td>no</td></tr>
 *   <tr><td>{@code FileAlreadyExistsException}</td><td>ALREADY_EXISTS</td><td>no</td></tr>
 *   <tr><td>{@code AccessControlException}, {@code PathPermissionException}</td><td>PERMISSION_DENIED</td><td>no</td></tr>
 *   <tr><td>{@code PathIsDirectoryException}</td><td>IS_A_DIRECTORY</td><td>no</td></tr>
 *   <tr><td>{@code ParentNotDirectoryException}, {@code PathIsNotDirectoryException}</td><td>NOT_A_DIRECTORY</td><td>no</td></tr>
 *   <tr><td>{@code PathIsNotEmptyDirectoryException}</td><td>INVALID_INPUT</td><td>no</td></tr>
 *   <tr><td>{@code StandbyException}, {@code RetriableException}, {@code SafeModeException}, connection
 *       refused or reset, socket timeouts, {@code BlockMissingException} (no live replica right now),
 *       an {@code EOFException} from the network</td><td>UNEXPECTED</td><td>yes</td></tr>
 *   <tr><td>anything else</td><td>UNEXPECTED</td><td>no</td></tr>
 * </table>
 *
 * {@link RdalException}s pass unchanged. Messages never carry configuration values.
 */
final class HdfsErrors {

  private HdfsErrors() {}

  /** The typed error for {@code e}. */
  static RdalException map(Throwable e) {
    if (e instanceof RdalException r) {
      return r;
    }
    if ((e instanceof UncheckedIOException || e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      return map(e.getCause());
    }
    Throwable t = e;
    if (e instanceof RemoteException remote) {
      IOException unwrapped = remote.unwrapRemoteException();
      t = unwrapped;
      if (unwrapped == remote && remote.getClassName() != null
          && remote.getClassName().endsWith("SafeModeException")) {
        return typed(ErrorKind.UNEXPECTED, "the NameNode is in safe mode; retry later", e, true);
      }
    }
    if (t instanceof FileNotFoundException || t instanceof PathNotFoundException) {
      return typed(ErrorKind.NOT_FOUND, "no such file or directory", t, false);
    }
    if (t instanceof FileAlreadyExistsException) {
      return typed(ErrorKind.ALREADY_EXISTS, "a file or directory already exists there", t, false);
    }
    if (t instanceof AccessControlException || t instanceof PathPermissionException) {
      return typed(ErrorKind.PERMISSION_DENIED, "HDFS refused access: " + firstLine(t), t, false);
    }
    if (t instanceof PathIsDirectoryException) {
      return typed(ErrorKind.IS_A_DIRECTORY, "path is a directory", t, false);
    }
    if (t instanceof ParentNotDirectoryException || t instanceof PathIsNotDirectoryException) {
      return typed(ErrorKind.NOT_A_DIRECTORY, "a file stands where a directory is needed", t, false);
    }
    if (t instanceof PathIsNotEmptyDirectoryException) {
      return typed(ErrorKind.INVALID_INPUT, "directory is not empty; use deleteRecursive", t, false);
    }
    if (t instanceof StandbyException || t instanceof RetriableException
        || t.getClass().getSimpleName().equals("SafeModeException")) {
      return typed(ErrorKind.UNEXPECTED, "the NameNode cannot answer right now: " + firstLine(t), t, true);
    }
    if (t instanceof BlockMissingException) {
      return typed(ErrorKind.UNEXPECTED, "no DataNode could serve a block right now: " + firstLine(t), t, true);
    }
    if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof SocketException
        || t instanceof EOFException || t instanceof InterruptedIOException) {
      return typed(ErrorKind.UNEXPECTED, "connection to HDFS failed: " + t.getClass().getSimpleName(), t, true);
    }
    if (t instanceof UnknownHostException) {
      return typed(ErrorKind.CONFIG_INVALID, "unknown NameNode host: " + t.getMessage(), t, false);
    }
    if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).contains("not a valid DFS filename")) {
      return typed(ErrorKind.INVALID_INPUT, "HDFS does not accept this name: " + firstLine(t), t, false);
    }
    String what = t instanceof IOException ? "HDFS error: " : "";
    return typed(ErrorKind.UNEXPECTED, what + t.getClass().getSimpleName() + ": " + firstLine(t), t, false);
  }

  private static RdalException typed(ErrorKind kind, String message, Throwable cause, boolean temporary) {
    return RdalException.builder(kind, message).cause(cause).temporary(temporary).build();
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    if (m == null) {
      return t.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
