package dev.rdal.s3;

import java.time.Duration;
import java.util.concurrent.Executor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientAsyncConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the SDK objects of one s3 backend from its {@link S3Settings}: an {@link S3AsyncClient} over the
 * SDK's Netty HTTP client (never the multipart-enabled client: explicit multipart calls are made instead)
 * (see {@link S3ClientSource} for how many) and an {@link S3Presigner} with the same endpoint, addressing and credentials.
 *
 * <p><b>Ownership.</b> The SDK closes only what it built. Without static keys it builds its own default
 * credentials chain, which closing the client (or the presigner) closes. The HTTP client runs on the
 * caller's event loop group, whose shutdown, after the clients are closed, ends every connection and
 * thread of it (see {@link S3ClientSource}); the group and the response executor stay the caller's. Static credentials are built here
 * and nowhere else; no key, secret or token is logged.
 */
final class S3Clients {

  private S3Clients() {}

  /**
   * A client with its own connection pool on {@code loops}, completing futures on {@code responses} when
   * given, else on the SDK's own executor (the caller owns both and closes them after the client).
   */
  static S3AsyncClient client(S3Settings s, Region region, SdkEventLoopGroup loops, Executor responses) {
    var http = NettyNioAsyncHttpClient.builder()
        .maxConcurrency(s.maxConnections())
        .connectionAcquisitionTimeout(Duration.ofSeconds(60));
    var b = S3AsyncClient.builder();
    // on the caller's event loop group, whose shutdown ends every connection of the client
    b.httpClient(http.eventLoopGroup(loops).build());
    b.region(region)
        .forcePathStyle(s.pathStyle())
        .crossRegionAccessEnabled(s.crossRegionAccess());
    if (s.contentMd5()) {
      b.addPlugin(LegacyMd5Plugin.create());
    }
    if (s.hasStaticKeys()) {
      b.credentialsProvider(staticCredentials(s));
    }
    if (s.endpoint() != null) {
      b.endpointOverride(s.endpoint());
    }
    if (s.checksumsWhenRequired()) {
      b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    b.overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
        .retryStrategy(r -> r.maxAttempts(s.maxAttempts())));
    if (responses != null) {
      b.asyncConfiguration(ClientAsyncConfiguration.builder()
          .advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, responses).build());
    }
    return b.build();
  }

  static S3Presigner presigner(S3Settings s, Region region) {
    var b = S3Presigner.builder()
        .region(region)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build());
    if (s.hasStaticKeys()) {
      b.credentialsProvider(staticCredentials(s));
    }
    if (s.endpoint() != null) {
      b.endpointOverride(s.endpoint());
    }
    return b.build();
  }

  private static AwsCredentialsProvider staticCredentials(S3Settings s) {
    return StaticCredentialsProvider.create(s.sessionToken() != null
        ? AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken())
        : AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()));
  }
}
