package dev.rdal.hdfs;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of an {@link HdfsBackend}: the one place that lists the backend's config keys. From a
 * URI {@code hdfs://namenode:8020/data?chunk-size=256k&dfs.replication=2}, the authority is {@code host}
 * and the path is {@code root}; every other key is a query parameter.
 *
 * <ul>
 *   <li>{@code host} (required; the URI's authority): the NameNode's {@code host:port}, or the name of
 *       an HA nameservice configured with {@code dfs.*} keys;
 *   <li>{@code root} (default {@code /}; the URI's path): the directory every rdal path lives in;
 *   <li>{@code chunk-size} (default {@link HdfsDefaults#CHUNK_SIZE}, e.g. {@code 256k}): bytes per read
 *       chunk;
 *   <li>{@code threads} (default {@link HdfsDefaults#THREADS}): threads of the dedicated scheduler
 *       {@code rdal-hdfs-N} that operators use when their builder names no policy;
 *   <li>{@code kerberos-principal} and {@code kerberos-keytab} (both or neither): log in from the keytab
 *       as the principal and make every call as that user; this sets
 *       {@code hadoop.security.authentication=kerberos} for the backend's Hadoop configuration;
 *   <li>any key starting with one of {@link #PASS_THROUGH_PREFIXES} ({@code fs.}, {@code dfs.},
 *       {@code ipc.}, {@code hadoop.}): set as is on the Hadoop {@code Configuration} the backend's
 *       {@code FileSystem} is made with, over the defaults and any {@code *-site.xml} on the class path.
 * </ul>
 *
 * @param namenode the file system URI, {@code hdfs://host[:port]}, with no path
 * @param root the absolute root directory in HDFS, normalised, without a trailing {@code /} except for
 *     {@code /} itself
 * @param chunkSize bytes per read chunk, between {@link HdfsDefaults#MIN_CHUNK_SIZE} and
 *     {@link HdfsDefaults#MAX_CHUNK_SIZE}
 * @param threads threads of the default dedicated scheduler
 * @param hadoop Hadoop configuration keys set on top of Hadoop's defaults
 * @param kerberos the Kerberos login, or null for Hadoop's configured authentication
 */
public record HdfsOptions(URI namenode, String root, int chunkSize, int threads, Map<String, String> hadoop,
    KerberosLogin kerberos) {

  /** The backend's own keys (see the class comment). */
  public static final Set<String> KNOWN_KEYS =
      Set.of("host", "root", "chunk-size", "threads", "kerberos-principal", "kerberos-keytab");

  /** Prefixes of Hadoop configuration keys passed through to Hadoop unchanged. */
  public static final List<String> PASS_THROUGH_PREFIXES = List.of("fs.", "dfs.", "ipc.", "hadoop.");

  /**
   * A Kerberos login from a keytab.
   *
   * @param principal the principal, such as {@code rdal/host@EXAMPLE.COM}
   * @param keytab the keytab file holding its key
   */
  public record KerberosLogin(String principal, Path keytab) {

    /**
     * Checks both are given.
     *
     * @param principal the principal
     * @param keytab the keytab file
     * @throws NullPointerException when either is null
     */
    public KerberosLogin {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(keytab, "keytab");
    }

    @Override
    public String toString() {
      return "KerberosLogin{principal=" + principal + ", keytab=" + keytab + "}";
    }
  }

  /**
   * Validates the options and normalises the root.
   *
   * @param namenode {@code hdfs://host[:port]}
   * @param root the absolute root directory
   * @param chunkSize bytes per read chunk
   * @param threads threads of the default dedicated scheduler
   * @param hadoop Hadoop configuration keys (copied)
   * @param kerberos the Kerberos login, or null
   * @throws RdalException {@link ErrorKind#INVALID_INPUT} for a URI that is not {@code hdfs://host...}
   *     with no path, a relative root, or a chunk size or thread count out of range
   */
  public HdfsOptions {
    Objects.requireNonNull(namenode, "namenode");
    Objects.requireNonNull(root, "root");
    if (!"hdfs".equalsIgnoreCase(namenode.getScheme()) || namenode.getAuthority() == null
        || !(namenode.getPath() == null || namenode.getPath().isEmpty() || namenode.getPath().equals("/"))) {
      throw RdalException.invalidInput("the NameNode URI must be hdfs://host[:port] with no path, was " + namenode);
    }
    root = normaliseRoot(root);
    if (chunkSize < HdfsDefaults.MIN_CHUNK_SIZE || chunkSize > HdfsDefaults.MAX_CHUNK_SIZE) {
      throw RdalException.invalidInput("chunk size must be between " + HdfsDefaults.MIN_CHUNK_SIZE + " and "
          + HdfsDefaults.MAX_CHUNK_SIZE + " bytes, was " + chunkSize);
    }
    if (threads < 1 || threads > HdfsDefaults.MAX_THREADS) {
      throw RdalException.invalidInput("threads must be between 1 and " + HdfsDefaults.MAX_THREADS + ", was " + threads);
    }
    hadoop = Map.copyOf(hadoop);
  }

  /**
   * Defaults for a NameNode and a root: 1 MiB chunks, {@link HdfsDefaults#THREADS} threads, no extra
   * Hadoop keys, Hadoop's configured authentication.
   *
   * @param namenode {@code hdfs://host[:port]}
   * @param root the absolute root directory
   * @return the options
   * @throws RdalException {@link ErrorKind#INVALID_INPUT} as the constructor
   */
  public static HdfsOptions of(URI namenode, String root) {
    return new HdfsOptions(namenode, root, HdfsDefaults.CHUNK_SIZE, HdfsDefaults.THREADS, Map.of(), null);
  }

  /**
   * Reads the config keys listed in the class comment.
   *
   * @param config the backend configuration
   * @return the options
   * @throws RdalException {@link ErrorKind#CONFIG_INVALID} naming the key for a missing {@code host}, a
   *     malformed value, a relative root, a keytab that is not a readable file, or only one of the two
   *     Kerberos keys
   */
  public static HdfsOptions from(BackendConfig config) {
    String host = config.required("host");
    URI namenode;
    try {
      namenode = new URI("hdfs", host, null, null, null);
    } catch (URISyntaxException e) {
      throw config.invalid("host", "is not a host[:port] or nameservice: " + e.getReason());
    }
    if (namenode.getHost() == null && host.contains(":")) {
      throw config.invalid("host", "is not a host[:port] or nameservice");
    }
    String root = config.string("root", "/");
    if (!root.startsWith("/")) {
      throw config.invalid("root", "must be an absolute HDFS path, was '" + root + "'");
    }
    int chunk = (int) config.bytes("chunk-size", HdfsDefaults.CHUNK_SIZE, HdfsDefaults.MIN_CHUNK_SIZE,
        HdfsDefaults.MAX_CHUNK_SIZE);
    int threads = config.integer("threads", HdfsDefaults.THREADS, 1, HdfsDefaults.MAX_THREADS);
    Map<String, String> hadoop = new LinkedHashMap<>();
    config.asMap().forEach((k, v) -> {
      if (isPassThrough(k)) {
        hadoop.put(k, v);
      }
    });
    return new HdfsOptions(namenode, root, chunk, threads, hadoop, kerberos(config));
  }

  private static KerberosLogin kerberos(BackendConfig config) {
    var principal = config.get("kerberos-principal");
    var keytab = config.get("kerberos-keytab");
    if (principal.isEmpty() && keytab.isEmpty()) {
      return null;
    }
    if (principal.isEmpty()) {
      throw config.invalid("kerberos-principal", "is required with kerberos-keytab");
    }
    if (keytab.isEmpty()) {
      throw config.invalid("kerberos-keytab", "is required with kerberos-principal");
    }
    Path file = Path.of(keytab.get());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw config.invalid("kerberos-keytab", "must name a readable keytab file, was '" + file + "'");
    }
    return new KerberosLogin(principal.get(), file);
  }

  /**
   * Whether a config key is a Hadoop key passed through to Hadoop.
   *
   * @param key a config key
   * @return true when it starts with one of {@link #PASS_THROUGH_PREFIXES}
   */
  public static boolean isPassThrough(String key) {
    for (String prefix : PASS_THROUGH_PREFIXES) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        return true;
      }
    }
    return false;
  }

  /**
   * These options with another chunk size.
   *
   * @param chunkSize bytes per read chunk
   * @return the new options
   * @throws RdalException {@link ErrorKind#INVALID_INPUT} when out of range
   */
  public HdfsOptions withChunkSize(int chunkSize) {
    return new HdfsOptions(namenode, root, chunkSize, threads, hadoop, kerberos);
  }

  /**
   * These options with another thread count for the default dedicated scheduler.
   *
   * @param threads the thread count
   * @return the new options
   * @throws RdalException {@link ErrorKind#INVALID_INPUT} when out of range
   */
  public HdfsOptions withThreads(int threads) {
    return new HdfsOptions(namenode, root, chunkSize, threads, hadoop, kerberos);
  }

  /**
   * These options with one more Hadoop configuration key.
   *
   * @param key a Hadoop key, such as {@code dfs.client.read.shortcircuit}
   * @param value its value
   * @return the new options
   */
  public HdfsOptions withHadoop(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(hadoop);
    m.put(key, value);
    return new HdfsOptions(namenode, root, chunkSize, threads, m, kerberos);
  }

  /**
   * The options, with the value of every Hadoop key that names a secret
   * ({@link BackendConfig#isSecretKey}) redacted.
   *
   * @return a description safe to log
   */
  @Override
  public String toString() {
    Map<String, String> shown = new java.util.TreeMap<>();
    hadoop.forEach((k, v) -> shown.put(k, BackendConfig.isSecretKey(k) ? "<redacted>" : v));
    return "HdfsOptions{namenode=" + namenode + ", root=" + root + ", chunkSize=" + chunkSize + ", threads=" + threads
        + ", hadoop=" + shown + ", kerberos=" + kerberos + "}";
  }

  private static String normaliseRoot(String root) {
    if (!root.startsWith("/")) {
      throw RdalException.invalidInput("the root must be an absolute HDFS path, was '" + root + "'");
    }
    StringBuilder out = new StringBuilder();
    for (String segment : root.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..") || segment.contains(":")) {
        throw RdalException.builder(ErrorKind.INVALID_INPUT,
            "the root must not contain '..' or ':', was '" + root + "'").build();
      }
      out.append('/').append(segment);
    }
    return out.length() == 0 ? "/" : out.toString();
  }
}
