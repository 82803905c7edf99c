package dev.rdal.webdav;

import dev.rdal.spi.BackendConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The webdav backend's configuration, parsed and validated once from a {@link BackendConfig}: the one place
 * where its keys and defaults live.
 *
 * <p>Keys (all strings; durations in milliseconds; sizes accept {@code 8m}-style suffixes):
 * <pre>
 * endpoint                 the server's base URL with the root every path lives under, http or https
 *                          (required; e.g. https://dav.example.com/remote.php/dav/files/me/)
 * username, password       HTTP Basic credentials (give both or neither; never printed)
 * token                    a bearer token sent as Authorization: Bearer (never printed); not with username
 * max_connections          connections of the pool, per server address; default 32
 * pending_acquire_timeout  how long a request waits for a free connection before it fails (temporary); 30000
 * connect_timeout          TCP connect timeout; default 10000
 * response_timeout         how long a response may go without receiving bytes, headers or body (a read
 *                          that stalls fails temporary, and the operator resumes it); default 30000
 * max_idle_time            a pooled connection idle this long is closed, so it is never reused after the
 *                          server dropped it (nginx keeps idle connections 75 s by default); default 20000
 * max_life_time            a pooled connection older than this is closed; 0 for no limit; default 0
 * io_threads               event-loop threads of the client; default min(4, processors)
 * max_buffered_upload      writes are buffered in memory to send their Content-Length, which every server
 *                          takes (some answer 411 to a chunked PUT: nginx before 1.3.9, some IIS and proxy
 *                          setups); a body larger than this fails with INVALID_INPUT before anything is
 *                          sent; default 64m
 * chunked_upload           send write bodies as they come, chunked, without buffering, for servers that take
 *                          chunked PUTs (rclone; nginx 1.22 as tested here); no size limit then; default false
 * max_multistatus_bytes    largest PROPFIND answer accepted (one directory's listing); default 16m
 * </pre>
 *
 * <p>Secrets: {@code password} and {@code token} are secrets by name (see {@link BackendConfig}); the user
 * name is not printed either. Credentials inside the endpoint ({@code http://user:pass@host/}) are refused,
 * since URLs end up in logs.
 */
record WebDavSettings(
    URI endpoint,
    String username,
    String password,
    String token,
    int maxConnections,
    Duration pendingAcquireTimeout,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration maxIdleTime,
    Duration maxLifeTime,
    int ioThreads,
    long maxBufferedUpload,
    boolean chunkedUpload,
    long maxMultistatusBytes) {

  static final String ENDPOINT = "endpoint";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String TOKEN = "token";
  static final String MAX_CONNECTIONS = "max_connections";
  static final String PENDING_ACQUIRE_TIMEOUT = "pending_acquire_timeout";
  static final String CONNECT_TIMEOUT = "connect_timeout";
  static final String RESPONSE_TIMEOUT = "response_timeout";
  static final String MAX_IDLE_TIME = "max_idle_time";
  static final String MAX_LIFE_TIME = "max_life_time";
  static final String IO_THREADS = "io_threads";
  static final String MAX_BUFFERED_UPLOAD = "max_buffered_upload";
  static final String CHUNKED_UPLOAD = "chunked_upload";
  static final String MAX_MULTISTATUS_BYTES = "max_multistatus_bytes";

  /** Every key this backend reads; any other key is not this backend's. */
  static final Set<String> KEYS = Set.of(ENDPOINT, USERNAME, PASSWORD, TOKEN, MAX_CONNECTIONS,
      PENDING_ACQUIRE_TIMEOUT, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, MAX_IDLE_TIME, MAX_LIFE_TIME, IO_THREADS,
      MAX_BUFFERED_UPLOAD, CHUNKED_UPLOAD, MAX_MULTISTATUS_BYTES);

  /** Default pool size: enough for a few dozen reads in flight without queueing. */
  static final int DEFAULT_MAX_CONNECTIONS = 32;
  static final int DEFAULT_PENDING_ACQUIRE_TIMEOUT_MILLIS = 30_000;
  static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
  static final int DEFAULT_RESPONSE_TIMEOUT_MILLIS = 30_000;
  /** Below nginx's default keepalive_timeout (75 s) and Go's usual idle timeouts, so no stale reuse. */
  static final int DEFAULT_MAX_IDLE_TIME_MILLIS = 20_000;
  static final long DEFAULT_MAX_BUFFERED_UPLOAD = 64L << 20;
  static final long DEFAULT_MAX_MULTISTATUS_BYTES = 16L << 20;

  private static final int MAX_MILLIS = 3_600_000;

  static WebDavSettings from(BackendConfig config) {
    URI endpoint = endpoint(config);
    String username = config.get(USERNAME).orElse(null);
    String password = config.get(PASSWORD).orElse(null);
    String token = config.get(TOKEN).orElse(null);
    if ((username == null) != (password == null)) {
      throw config.invalid(username == null ? USERNAME : PASSWORD,
          "is required when " + (username == null ? PASSWORD : USERNAME) + " is set (Basic auth needs both)");
    }
    if (token != null && username != null) {
      throw config.invalid(TOKEN, "cannot be combined with username/password: choose Bearer or Basic auth");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return new WebDavSettings(
        endpoint,
        username,
        password,
        token,
        config.integer(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS, 1, 10_000),
        millis(config, PENDING_ACQUIRE_TIMEOUT, DEFAULT_PENDING_ACQUIRE_TIMEOUT_MILLIS, 1),
        millis(config, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_MILLIS, 1),
        millis(config, RESPONSE_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT_MILLIS, 1),
        millis(config, MAX_IDLE_TIME, DEFAULT_MAX_IDLE_TIME_MILLIS, 1),
        millis(config, MAX_LIFE_TIME, 0, 0),
        config.integer(IO_THREADS, Math.max(1, Math.min(4, cores)), 1, 256),
        config.bytes(MAX_BUFFERED_UPLOAD, DEFAULT_MAX_BUFFERED_UPLOAD, 0, Integer.MAX_VALUE - 8),
        config.bool(CHUNKED_UPLOAD, false),
        config.bytes(MAX_MULTISTATUS_BYTES, DEFAULT_MAX_MULTISTATUS_BYTES, 1024, Integer.MAX_VALUE - 8));
  }

  private static Duration millis(BackendConfig config, String key, int defaultValue, int min) {
    int ms = config.integer(key, defaultValue, min, MAX_MILLIS);
    return ms == 0 ? null : Duration.ofMillis(ms);
  }

  private static URI endpoint(BackendConfig config) {
    String raw = config.required(ENDPOINT).trim();
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw config.invalid(ENDPOINT, "must be an http(s) URL such as https://dav.example.com/files/, was '"
          + withoutUserInfo(raw) + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getRawUserInfo() != null) {
      throw config.invalid(ENDPOINT, "must not carry credentials: give them as username/password or token");
    }
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw config.invalid(ENDPOINT, "must be an absolute http or https URL such as https://dav.example.com/files/,"
          + " was '" + raw + "'");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw config.invalid(ENDPOINT, "must not have a query or fragment, was '" + raw + "'");
    }
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw config.invalid(ENDPOINT, "must not contain '.' or '..' segments, was '" + raw + "'");
      }
    }
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    try {
      return new URI(scheme, null, uri.getHost(), uri.getPort(), path, null, null);
    } catch (URISyntaxException e) {
      throw config.invalid(ENDPOINT, "is not a valid URL: " + e.getReason());
    }
  }

  private static String withoutUserInfo(String raw) {
    int at = raw.indexOf('@');
    int scheme = raw.indexOf("://");
    return at > 0 && scheme > 0 && at > scheme ? raw.substring(0, scheme + 3) + "<redacted>@" + raw.substring(at + 1) : raw;
  }

  /** The value of the Authorization header, or null without credentials. Never print it. */
  String authorization() {
    if (token != null) {
      return "Bearer " + token;
    }
    if (username != null) {
      return "Basic " + java.util.Base64.getEncoder().encodeToString(
          (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return null;
  }

  @Override
  public String toString() {
    String auth = token != null ? "bearer <redacted>" : username != null ? "basic <redacted>" : "none";
    return "WebDavSettings{endpoint=" + endpoint + ", auth=" + auth + ", maxConnections=" + maxConnections
        + ", pendingAcquireTimeout=" + pendingAcquireTimeout + ", connectTimeout=" + connectTimeout
        + ", responseTimeout=" + responseTimeout + ", maxIdleTime=" + maxIdleTime + ", maxLifeTime=" + maxLifeTime
        + ", ioThreads=" + ioThreads + ", maxBufferedUpload=" + maxBufferedUpload
        + (chunkedUpload ? ", chunkedUpload" : "") + ", maxMultistatusBytes=" + maxMultistatusBytes + "}";
  }
}
