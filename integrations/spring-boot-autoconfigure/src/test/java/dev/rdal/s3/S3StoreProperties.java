package dev.rdal.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Boot properties of an s3 store on a fresh bucket of the shared S3Proxy test server (in the s3
 * package to reach the fixture's bucket and config, which it keeps package-private).
 */
public final class S3StoreProperties {

  private S3StoreProperties() {
  }

  /**
   * Properties of a store named {@code store}: the bucket in the URI, the rest as backend config, keys in
   * brackets so Boot keeps their underscores.
   *
   * @param store the store's name
   * @return {@code key=value} pairs for a context runner
   */
  public static String[] of(String store) {
    S3TestServer server = S3TestServer.get();
    String bucket = server.newBucket();
    List<String> out = new ArrayList<>();
    out.add("rdal.stores." + store + ".uri=s3://" + bucket);
    for (Map.Entry<String, String> e : server.config(bucket).entrySet()) {
      if (!e.getKey().equals("bucket")) {
        out.add("rdal.stores." + store + ".config[" + e.getKey() + "]=" + e.getValue());
      }
    }
    return out.toArray(String[]::new);
  }

  /**
   * The secret the test server accepts, to check it is never shown.
   *
   * @return the secret access key
   */
  public static String secret() {
    return S3TestServer.SECRET;
  }
}
