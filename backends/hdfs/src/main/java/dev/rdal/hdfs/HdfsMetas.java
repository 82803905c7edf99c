package dev.rdal.hdfs;

import dev.rdal.ObjectMeta;
import dev.rdal.Paths;
import java.time.Instant;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;

/**
 * Metadata from HDFS file statuses. The ETag is {@code <inode id>-<modification ms>-<length>} in hex: a
 * write goes through a new temporary file renamed into place, so every write gives the path a new inode
 * and a new ETag, and an append changes length and time. Without an inode id (a status from another
 * Hadoop file system) it is time and length only. HDFS stores no content type or user metadata here.
 */
final class HdfsMetas {

  private HdfsMetas() {}

  /** The metadata of {@code status} under the rdal path {@code path} (ending in {@code /} for a directory). */
  static ObjectMeta of(String path, FileStatus status) {
    Instant modified = Instant.ofEpochMilli(status.getModificationTime());
    if (status.isDirectory()) {
      return ObjectMeta.directory(Paths.ROOT.equals(path) ? path : Paths.asDirectory(path), modified);
    }
    return ObjectMeta.file(Paths.asFile(path), status.getLen(), modified, etag(status));
  }

  /** The ETag of a file's status. */
  static String etag(FileStatus status) {
    String time = Long.toHexString(status.getModificationTime()) + "-" + Long.toHexString(status.getLen());
    if (status instanceof HdfsFileStatus h) {
      return "\"" + Long.toHexString(h.getFileId()) + "-" + time + "\"";
    }
    return "\"" + time + "\"";
  }
}
