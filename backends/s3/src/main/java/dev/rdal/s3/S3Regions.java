package dev.rdal.s3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The signing region of one backend: the configured {@code region}, else the SDK's region chain (the
 * {@code aws.region} system property, {@code AWS_REGION}, the profile's region, the EC2 instance's region),
 * else {@code us-east-1}, which S3-compatible stores usually accept and from which AWS names the bucket's
 * real region in its error. Resolved once, when the backend is made: the chain reads files and may ask
 * the instance metadata service, so it runs on the thread that builds the operator.
 */
final class S3Regions {

  private static final Logger LOG = LoggerFactory.getLogger(S3Regions.class);
  /** The region used when none is configured and the chain finds none. */
  static final Region FALLBACK = Region.US_EAST_1;

  private S3Regions() {}

  static Region resolve(S3Settings settings) {
    if (settings.region() != null) {
      return Region.of(settings.region());
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkClientException none) {
      LOG.info("s3: no region configured and the SDK's region chain found none; signing for {}", FALLBACK);
      return FALLBACK;
    }
  }
}
