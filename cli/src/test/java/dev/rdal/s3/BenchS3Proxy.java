package dev.rdal.s3;

import java.io.IOException;

/**
 * The test fixture's S3Proxy as a process of its own, for the command's benchmark script: prints
 * {@code port bucket access-key secret} on one line, then serves until its stdin closes.
 */
public final class BenchS3Proxy {

  private BenchS3Proxy() {}

  /**
   * Starts the server and a bucket.
   *
   * @param args ignored
   * @throws IOException when stdin fails
   */
  public static void main(String[] args) throws IOException {
    S3TestServer server = S3TestServer.get();
    String bucket = server.newBucket();
    System.out.println(server.port() + " " + bucket + " " + S3TestServer.ACCESS_KEY_ID + " " + S3TestServer.SECRET);
    System.out.flush();
    System.in.transferTo(java.io.OutputStream.nullOutputStream());
    System.exit(0);
  }
}
