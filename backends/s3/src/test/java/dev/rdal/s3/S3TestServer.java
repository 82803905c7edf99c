package dev.rdal.s3;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * One S3Proxy server over jclouds' in-memory blob store, on 127.0.0.1 at a free port, shared by the tests
 * of this JVM (its first start costs a few seconds; every test uses a fresh bucket). Started on first use,
 * stopped at JVM exit. Public, and published in this module's test-jar, so that modules above the s3
 * backend test against the same server.
 */
public final class S3TestServer {

  static final String ACCESS_KEY_ID = "AKIDRDALTEST0000";
  static final String SECRET = "rdal-test-secret-key-0000000000";

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3TestServer instance;

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final URI endpoint;

  private S3TestServer() throws Exception {
    Properties props = new Properties();
    context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(props).build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET)
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start();
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "s3proxy-stop"));
  }

  /**
   * The server of this JVM, started on first use.
   *
   * @return the running server
   * @throws IllegalStateException when S3Proxy cannot start
   */
  public static synchronized S3TestServer get() {
    if (instance == null) {
      try {
        instance = new S3TestServer();
      } catch (Exception e) {
        throw new IllegalStateException("could not start S3Proxy", e);
      }
    }
    return instance;
  }

  URI endpoint() {
    return endpoint;
  }

  int port() {
    return proxy.getPort();
  }

  BlobStore blobStore() {
    return context.getBlobStore();
  }

  /** A new, empty bucket. */
  String newBucket() {
    String name = "rdal-test-" + BUCKETS.incrementAndGet();
    blobStore().createContainerInLocation(null, name);
    return name;
  }

  /** Config for a backend on {@code bucket} through {@code endpoint}. */
  static Map<String, String> config(String bucket, URI endpoint) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("bucket", bucket);
    c.put("endpoint", endpoint.toString());
    c.put("region", "us-east-1");
    c.put("path_style", "true");
    c.put("access_key_id", ACCESS_KEY_ID);
    c.put("secret_access_key", SECRET);
    // S3Proxy 2.6 refuses the SDK's aws-chunked checksum trailers (XAmzContentSHA256Mismatch).
    c.put("checksums", "when_required");
    c.put("page_size", "7");
    return c;
  }

  Map<String, String> config(String bucket) {
    return config(bucket, endpoint);
  }

  /**
   * An operator on a fresh bucket with the default policy.
   *
   * @return the operator; the caller closes it
   */
  public Operator operator() {
    return Operator.builder("s3").config(config(newBucket())).build();
  }

  Operator operator(Map<String, String> config, ExecutionPolicy policy) {
    Operator.Builder b = Operator.builder("s3").config(config);
    if (policy != null) b.executionPolicy(policy);
    return b.build();
  }

  private void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // the JVM is exiting
    }
    context.close();
  }
}
