package dev.rdal.fs;

import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of an {@link FsBackend}. Config keys (URI query parameters of {@code fs:///data?...}):
 * <ul>
 *   <li>{@code root} (required; the URI's path): the directory every path lives in;
 *   <li>{@code chunk-size} (default {@link FsDefaults#CHUNK_SIZE}, e.g. {@code 256k}): bytes per read chunk;
 *   <li>{@code read-ahead} (default {@link FsDefaults#READ_AHEAD_CHUNKS}, 0 to {@link FsDefaults#MAX_READ_AHEAD_CHUNKS}):
 *       chunks of a read read ahead on the execution policy's threads while the subscriber consumes the
 *       current one; 0 reads every chunk on demand on the emitting thread;
 *   <li>{@code fsync} (default false): force each written file and its directory to disk before a write
 *       succeeds;
 *   <li>{@code xattrs} (default true): store content type and user metadata as user extended
 *       attributes when the file system supports them;
 *   <li>{@code create-root} (default true): create the root directory when it is missing.
 * </ul>
 *
 * @param root the root directory
 * @param chunkSize bytes per read chunk, between {@link FsDefaults#MIN_CHUNK_SIZE} and {@link FsDefaults#MAX_CHUNK_SIZE}
 * @param readAhead chunks read ahead of the emitted one, between 0 and {@link FsDefaults#MAX_READ_AHEAD_CHUNKS}
 * @param fsync force data and directory entries to disk before writes succeed
 * @param xattrs store content type and user metadata in extended attributes where supported
 * @param createRoot create the root when missing
 */
public record FsOptions(Path root, int chunkSize, int readAhead, boolean fsync, boolean xattrs, boolean createRoot) {

  public FsOptions {
    Objects.requireNonNull(root, "root");
    if (chunkSize < FsDefaults.MIN_CHUNK_SIZE || chunkSize > FsDefaults.MAX_CHUNK_SIZE) {
      throw RdalException.invalidInput("chunk size must be between " + FsDefaults.MIN_CHUNK_SIZE + " and "
          + FsDefaults.MAX_CHUNK_SIZE + " bytes, was " + chunkSize);
    }
    if (readAhead < 0 || readAhead > FsDefaults.MAX_READ_AHEAD_CHUNKS) {
      throw RdalException.invalidInput("read-ahead must be between 0 and " + FsDefaults.MAX_READ_AHEAD_CHUNKS
          + " chunks, was " + readAhead);
    }
  }

  /**
   * Defaults for a root: 1 MiB chunks, {@link FsDefaults#READ_AHEAD_CHUNKS} chunks read ahead, no fsync,
   * xattrs where supported, root created when missing.
   */
  public static FsOptions of(Path root) {
    return new FsOptions(root, FsDefaults.CHUNK_SIZE, FsDefaults.READ_AHEAD_CHUNKS, false, true, true);
  }

  /** Reads the config keys listed above; a bad value is {@code CONFIG_INVALID} naming the key. */
  public static FsOptions from(BackendConfig config) {
    String root = config.required("root");
    int chunk = (int) config.bytes("chunk-size", FsDefaults.CHUNK_SIZE, FsDefaults.MIN_CHUNK_SIZE, FsDefaults.MAX_CHUNK_SIZE);
    int readAhead = config.integer("read-ahead", FsDefaults.READ_AHEAD_CHUNKS, 0, FsDefaults.MAX_READ_AHEAD_CHUNKS);
    Path rootPath;
    try {
      rootPath = Path.of(root);
    } catch (java.nio.file.InvalidPathException e) {
      throw config.invalid("root", "is not a valid path: " + e.getReason());
    }
    return new FsOptions(rootPath, chunk, readAhead, config.bool("fsync", false), config.bool("xattrs", true),
        config.bool("create-root", true));
  }

  public FsOptions withChunkSize(int chunkSize) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }

  public FsOptions withReadAhead(int readAhead) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }

  public FsOptions withFsync(boolean fsync) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }

  public FsOptions withXattrs(boolean xattrs) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }

  public FsOptions withCreateRoot(boolean createRoot) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }
}
