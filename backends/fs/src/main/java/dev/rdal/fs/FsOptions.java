package dev.rdal.fs;

import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of an {@link FsBackend}. Config keys (URI query parameters of {@code fs:///data?...}):
 * <ul>
 *   <li>{@code root} (required; the URI's path): the directory every path lives in; a relative root is
 *       resolved against the working directory (and logged at INFO with the resolved path);
 *   <li>{@code chunk-size} (default {@link FsDefaults#CHUNK_SIZE}, e.g. {@code 256k}): bytes per read chunk;
 *   <li>{@code read-ahead} (default {@link FsDefaults#READ_AHEAD_CHUNKS}, 0 to {@link FsDefaults#MAX_READ_AHEAD_CHUNKS}):
 *       chunks of a read read ahead on the execution policy's threads while the subscriber consumes the
 *       current one; 0 reads every chunk on demand on the emitting thread;
 *   <li>{@code fsync} (default false): force each written file and its directory to disk before a write
 *       succeeds;
 *   <li>{@code xattrs} (default true): store content type and user metadata as user extended
 *       attributes when the file system supports them;
 *   <li>{@code create-root} (default true): create the root directory when it is missing; only the root
 *       itself, never a missing parent of it.
 * </ul>
 * These are the only keys: any other is refused with {@code CONFIG_INVALID} naming the nearest of them.
 *
 * @param root the root directory
 * @param chunkSize bytes per read chunk, between {@link FsDefaults#MIN_CHUNK_SIZE} and {@link FsDefaults#MAX_CHUNK_SIZE}
 * @param readAhead chunks read ahead of the emitted one, between 0 and {@link FsDefaults#MAX_READ_AHEAD_CHUNKS}
 * @param fsync force data and directory entries to disk before writes succeed
 * @param xattrs store content type and user metadata in extended attributes where supported
 * @param createRoot create the root when missing
 */
public record FsOptions(Path root, int chunkSize, int readAhead, boolean fsync, boolean xattrs, boolean createRoot) {

  /** Config key of the root directory. */
  public static final String ROOT = "root";
  /** Config key of the bytes per read chunk. */
  public static final String CHUNK_SIZE = "chunk-size";
  /** Config key of the chunks read ahead. */
  public static final String READ_AHEAD = "read-ahead";
  /** Config key that forces writes to disk. */
  public static final String FSYNC = "fsync";
  /** Config key that stores metadata in extended attributes. */
  public static final String XATTRS = "xattrs";
  /** Config key that creates a missing root. */
  public static final String CREATE_ROOT = "create-root";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FsOptions.class);

  /**
   * Checks the root is given and the chunk size and read-ahead are within their bounds.
   *
   * @param root the root directory
   * @param chunkSize bytes per read chunk
   * @param readAhead chunks read ahead of the emitted one
   * @param fsync force data and directory entries to disk before writes succeed
   * @param xattrs store metadata in extended attributes where supported
   * @param createRoot create the root (only the root itself) when missing
   */
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
   *
   * @param root the root directory
   * @return the options
   */
  public static FsOptions of(Path root) {
    return new FsOptions(root, FsDefaults.CHUNK_SIZE, FsDefaults.READ_AHEAD_CHUNKS, false, true, true);
  }

  /**
   * Reads the config keys listed above; a bad value is {@code CONFIG_INVALID} naming the key.
   *
   * @param config the configuration
   * @return the options
   */
  public static FsOptions from(BackendConfig config) {
    String root = config.get(ROOT).orElseThrow(() -> config.invalid(ROOT,
        "is required: the directory, as fs:///absolute/path, fs:relative/path or the key root"));
    int chunk = (int) config.bytes(CHUNK_SIZE, FsDefaults.CHUNK_SIZE, FsDefaults.MIN_CHUNK_SIZE, FsDefaults.MAX_CHUNK_SIZE);
    int readAhead = config.integer(READ_AHEAD, FsDefaults.READ_AHEAD_CHUNKS, 0, FsDefaults.MAX_READ_AHEAD_CHUNKS);
    Path rootPath;
    try {
      rootPath = Path.of(root);
    } catch (java.nio.file.InvalidPathException e) {
      throw config.invalid(ROOT, "is not a valid path: " + e.getReason());
    }
    if (!rootPath.isAbsolute()) {
      Path resolved = rootPath.toAbsolutePath().normalize();
      LOG.info("fs root '{}' is relative: resolved against the working directory to '{}'", root, resolved);
      rootPath = resolved;
    }
    return new FsOptions(rootPath, chunk, readAhead, config.bool(FSYNC, false), config.bool(XATTRS, true),
        config.bool(CREATE_ROOT, true));
  }

  /**
   * These options with another chunk size.
   *
   * @param chunkSize bytes per read chunk
   * @return new options
   */
  public FsOptions withChunkSize(int chunkSize) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }

  /**
   * These options with another read-ahead.
   *
   * @param readAhead chunks read ahead
   * @return new options
   */
  public FsOptions withReadAhead(int readAhead) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }

  /**
   * These options with fsync on or off.
   *
   * @param fsync true to force writes to disk
   * @return new options
   */
  public FsOptions withFsync(boolean fsync) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }

  /**
   * These options with extended attributes on or off.
   *
   * @param xattrs true to store metadata in extended attributes
   * @return new options
   */
  public FsOptions withXattrs(boolean xattrs) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }

  /**
   * These options creating a missing root or not.
   *
   * @param createRoot true to create the root when missing
   * @return new options
   */
  public FsOptions withCreateRoot(boolean createRoot) {
    return new FsOptions(root, chunkSize, readAhead, fsync, xattrs, createRoot);
  }
}
