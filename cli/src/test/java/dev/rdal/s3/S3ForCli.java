package dev.rdal.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/** The s3 module's S3Proxy fixture, as the command's tests see it: a fresh bucket and its profile keys. */
public final class S3ForCli {

  private S3ForCli() {}

  /**
   * The environment of a profile {@code name} on a fresh bucket of the shared S3Proxy on 127.0.0.1.
   *
   * @param name the profile's name
   * @return {@code RDAL_PROFILE_<NAME>_<KEY>} variables
   */
  public static Map<String, String> profileEnv(String name) {
    S3TestServer server = S3TestServer.get();
    Map<String, String> config = S3TestServer.config(server.newBucket(), server.endpoint());
    config.remove("page_size");
    Map<String, String> env = new LinkedHashMap<>();
    String prefix = "RDAL_PROFILE_" + name.toUpperCase(java.util.Locale.ROOT) + "_";
    env.put(prefix + "TYPE", "s3");
    config.forEach((k, v) -> env.put(prefix + k.toUpperCase(java.util.Locale.ROOT), v));
    return env;
  }

  /**
   * The secret key every bucket of the fixture uses, so tests can check it is never printed.
   *
   * @return the secret
   */
  public static String secret() {
    return S3TestServer.SECRET;
  }
}
