package dev.rdal.s3;

import dev.rdal.spi.BackendConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The s3 backend's configuration, parsed and validated once from a {@link BackendConfig}.
 *
 * <p>Keys (all strings; sizes accept {@code 8m}-style suffixes):
 * <pre>
 * bucket                 the bucket (required; the authority of an s3:// URI)
 * root                   key prefix every path lives under (the path of an s3:// URI); default none
 * region                 signing region; default the SDK's region chain (aws.region, AWS_REGION, the
 *                        profile's region, the instance's region), else us-east-1 (see S3Regions)
 * endpoint               endpoint URI of an S3-compatible store; default the AWS endpoint of the region
 * path_style             address the bucket in the path instead of the host name; default false
 * access_key_id          static access key id; with secret_access_key, else the SDK's default chain
 * secret_access_key      static secret key (redacted everywhere)
 * session_token          static session token (redacted everywhere)
 * part_size              bytes per multipart part, and the size below which one PUT is used; default 8m
 * upload_concurrency     parts of one write uploaded at once; default 4
 * page_size              keys per ListObjectsV2 page; default 1000
 * max_connections        HTTP connections of the client; default 64
 * read_timeout           how long a read body may go without a chunk before it fails as a dropped
 *                        connection (temporary; the operator resumes it), in milliseconds; default 30000
 * path_checks            refuse writes over a directory or below a file, as every rdal backend does (one
 *                        LIST plus one HEAD per parent per write); false keeps S3's flat rules; default true
 * conditional_writes     the store enforces If-None-Match: * on PUT and multipart completion (AWS S3 does),
 *                        so if-not-exists writes are offered and atomic; false withdraws the capability
 *                        for stores that ignore the header (S3Proxy 2.6); default true
 * checksums              when_supported (the SDK's default: CRC checksums on every upload, which AWS
 *                        accepts) or when_required (only where S3 demands one; for S3-compatible stores
 *                        that refuse the SDK's aws-chunked checksum trailers); default when_supported
 * client_per_worker      one client (own connection pool of max_connections) per worker thread of the
 *                        operator's execution policy instead of one shared client; the clients share one
 *                        event loop group. Needs a dedicated or the global policy; under external or custom,
 *                        or on virtual threads, one shared client is used. See S3ClientSource; default false
 * allow_small_parts      accept part_size below S3's 5 MiB minimum (stores that allow it, tests); default false
 * max_attempts           requests the SDK sends per call at most, the first included (its standard retry
 *                        strategy: throttling, 5xx, IO errors; backoff from 100 ms, or 1 s when throttled,
 *                        capped at 20 s); 1 leaves retries to rdal's retry layer; default 3
 * cross_region_access    let the SDK follow a bucket in another region than the configured one (it learns
 *                        the region from S3's redirect and re-signs); default false, where a wrong region
 *                        is a CONFIG_INVALID error naming the bucket's region
 * content_md5            send Content-MD5 on requests that need an integrity header (DeleteObjects), with
 *                        the SDK's LegacyMd5Plugin, for stores that require MD5 (older MinIO, Ceph);
 *                        default false (the SDK's CRC32 checksum header, which AWS accepts)
 * listing_url_encoding   ask for encoding-type=url on listing pages, so keys with control characters list;
 *                        false for stores that also URL-encode their continuation tokens (S3Proxy 2.6), on
 *                        which later pages would repeat keys; single-key probes (directory stats, path
 *                        checks) always ask for it; default true
 * </pre>
 * Any other key is refused ({@link #KEYS}).
 *
 * <p>Secrets: the secret key and session token are secrets by name (see {@link BackendConfig}); the access
 * key id is not a secret by AWS's rules, but it identifies an account, so {@link #toString()} never shows it
 * either.
 */
record S3Settings(
    String bucket,
    String root,
    String region,
    URI endpoint,
    boolean pathStyle,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    long partSize,
    int uploadConcurrency,
    int pageSize,
    int maxConnections,
    boolean checksumsWhenRequired,
    java.time.Duration readTimeout,
    boolean pathChecks,
    boolean conditionalWrites,
    boolean clientPerWorker,
    int maxAttempts,
    boolean crossRegionAccess,
    boolean contentMd5,
    boolean listingUrlEncoding) {

  /** S3's smallest part but the last. */
  static final long MIN_PART_SIZE = 5L << 20;
  /** S3's largest part. */
  static final long MAX_PART_SIZE = 5L << 30;
  /** Default bytes per part: the SDK's own default, and a size whose buffering stays small. */
  static final long DEFAULT_PART_SIZE = 8L << 20;
  static final int DEFAULT_UPLOAD_CONCURRENCY = 4;
  static final int DEFAULT_PAGE_SIZE = 1000;
  static final int DEFAULT_MAX_CONNECTIONS = 64;
  /**
   * Requests the SDK sends per call at most (the first and its retries): the SDK's standard strategy, with
   * backoff from 100 ms (1 s when throttled) capped at 20 s.
   */
  static final int DEFAULT_MAX_ATTEMPTS = 3;

  static final String BUCKET = "bucket";
  static final String ROOT = "root";
  static final String REGION = "region";
  static final String ENDPOINT = "endpoint";
  static final String PATH_STYLE = "path_style";
  static final String ACCESS_KEY_ID = "access_key_id";
  static final String SECRET_ACCESS_KEY = "secret_access_key";
  static final String SESSION_TOKEN = "session_token";
  static final String PART_SIZE = "part_size";
  static final String UPLOAD_CONCURRENCY = "upload_concurrency";
  static final String PAGE_SIZE = "page_size";
  static final String MAX_CONNECTIONS = "max_connections";
  static final String CHECKSUMS = "checksums";
  static final String READ_TIMEOUT = "read_timeout";
  static final String PATH_CHECKS = "path_checks";
  static final String CONDITIONAL_WRITES = "conditional_writes";
  static final String CLIENT_PER_WORKER = "client_per_worker";
  static final String MAX_ATTEMPTS = "max_attempts";
  static final String CROSS_REGION_ACCESS = "cross_region_access";
  static final String CONTENT_MD5 = "content_md5";
  static final String LISTING_URL_ENCODING = "listing_url_encoding";
  static final int DEFAULT_READ_TIMEOUT_MILLIS = 30_000;
  /**
   * Allows parts smaller than S3's 5 MiB minimum, for S3-compatible stores that accept them (and for
   * tests that want many parts of a small object).
   */
  static final String ALLOW_SMALL_PARTS = "allow_small_parts";

  /** Every key above: the s3 backend's declaration for the operator's check of unknown keys. */
  static final dev.rdal.spi.ConfigKeys KEYS = dev.rdal.spi.ConfigKeys.of(BUCKET, ROOT, REGION, ENDPOINT, PATH_STYLE,
      ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, PART_SIZE, UPLOAD_CONCURRENCY, PAGE_SIZE, MAX_CONNECTIONS,
      CHECKSUMS, READ_TIMEOUT, PATH_CHECKS, CONDITIONAL_WRITES, CLIENT_PER_WORKER, ALLOW_SMALL_PARTS,
      MAX_ATTEMPTS, CROSS_REGION_ACCESS, CONTENT_MD5, LISTING_URL_ENCODING);

  static S3Settings from(BackendConfig config) {
    String bucket = config.required(BUCKET);
    if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
      throw config.invalid(BUCKET, "must be a valid S3 bucket name (3-63 of a-z, 0-9, '.', '-'), was '" + bucket + "'");
    }
    String root = normaliseRoot(config.string(ROOT, ""));
    URI endpoint = null;
    Optional<String> e = config.get(ENDPOINT);
    if (e.isPresent()) {
      try {
        endpoint = new URI(e.get());
      } catch (URISyntaxException x) {
        throw config.invalid(ENDPOINT, "must be a URI such as http://127.0.0.1:9000, was '" + e.get() + "'");
      }
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw config.invalid(ENDPOINT, "must be an absolute http(s) URI, was '" + e.get() + "'");
      }
    }
    String accessKeyId = config.get(ACCESS_KEY_ID).orElse(null);
    String secret = config.get(SECRET_ACCESS_KEY).orElse(null);
    if ((accessKeyId == null) != (secret == null)) {
      throw config.invalid(accessKeyId == null ? ACCESS_KEY_ID : SECRET_ACCESS_KEY,
          "is required when " + (accessKeyId == null ? SECRET_ACCESS_KEY : ACCESS_KEY_ID)
              + " is set (give both, or neither to use the SDK's default credentials chain)");
    }
    long minPart = config.bool(ALLOW_SMALL_PARTS, false) ? 1 : MIN_PART_SIZE;
    return new S3Settings(
        bucket,
        root,
        config.get(REGION).orElse(null),
        endpoint,
        config.bool(PATH_STYLE, false),
        accessKeyId,
        secret,
        config.get(SESSION_TOKEN).orElse(null),
        config.bytes(PART_SIZE, DEFAULT_PART_SIZE, minPart, MAX_PART_SIZE),
        config.integer(UPLOAD_CONCURRENCY, DEFAULT_UPLOAD_CONCURRENCY, 1, 64),
        config.integer(PAGE_SIZE, DEFAULT_PAGE_SIZE, 1, 1000),
        config.integer(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS, 1, 10_000),
        checksumsWhenRequired(config),
        java.time.Duration.ofMillis(config.integer(READ_TIMEOUT, DEFAULT_READ_TIMEOUT_MILLIS, 1, 3_600_000)),
        config.bool(PATH_CHECKS, true),
        config.bool(CONDITIONAL_WRITES, true),
        config.bool(CLIENT_PER_WORKER, false),
        config.integer(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, 10),
        config.bool(CROSS_REGION_ACCESS, false),
        config.bool(CONTENT_MD5, false),
        config.bool(LISTING_URL_ENCODING, true));
  }

  private static boolean checksumsWhenRequired(BackendConfig config) {
    String v = config.string(CHECKSUMS, "when_supported").trim().toLowerCase(java.util.Locale.ROOT);
    switch (v) {
      case "when_supported": return false;
      case "when_required": return true;
      default: throw config.invalid(CHECKSUMS, "must be when_supported or when_required, was '" + v + "'");
    }
  }

  /** The root as a key prefix: empty, or segments joined by '/' ending with '/'. */
  private static String normaliseRoot(String root) {
    StringBuilder sb = new StringBuilder();
    for (String s : root.split("/")) {
      if (s.isEmpty() || s.equals(".")) continue;
      if (s.equals("..")) {
        throw dev.rdal.RdalException.builder(dev.rdal.ErrorKind.CONFIG_INVALID,
            "config key 'root' must not contain '..'").backend("s3").operation("configure").build();
      }
      sb.append(s).append('/');
    }
    if (S3Keys.utf8(sb.toString()) >= S3Keys.MAX_KEY_BYTES) {
      throw dev.rdal.RdalException.builder(dev.rdal.ErrorKind.CONFIG_INVALID, "config key 'root' is "
              + S3Keys.utf8(sb.toString()) + " bytes of UTF-8 with its '/'; S3 keys, the root included, are at most "
              + S3Keys.MAX_KEY_BYTES + " bytes").backend("s3").operation("configure").build();
    }
    return sb.toString();
  }

  /** Whether static keys were given. */
  boolean hasStaticKeys() {
    return accessKeyId != null;
  }

  @Override
  public String toString() {
    return "S3Settings{bucket=" + bucket + ", root=" + root + ", region=" + (region == null ? "<chain>" : region)
        + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
        + ", credentials=" + (hasStaticKeys() ? "static <redacted>" : "default chain")
        + ", partSize=" + partSize + ", readTimeout=" + readTimeout + ", uploadConcurrency=" + uploadConcurrency + ", pageSize=" + pageSize
        + (clientPerWorker ? ", clientPerWorker" : "") + "}";
  }
}
