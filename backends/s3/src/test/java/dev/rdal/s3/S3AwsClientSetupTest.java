package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.DeleteResult;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import dev.rdal.s3.FakeAws.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;

/**
 * How the client is set up, seen in the requests AWS gets: the region from the SDK's chain, the bucket's
 * region followed with cross-region access, Content-MD5 for stores that need it, and writes by a
 * principal that may only put objects.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3AwsClientSetupTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String DELETED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult "
      + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Deleted><Key>a</Key></Deleted><Deleted><Key>b</Key>"
      + "</Deleted></DeleteResult>";

  private FakeAws aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAws();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private static Response found() {
    return Response.empty(200).with("Content-Length", "1").with("ETag", "\"e\"");
  }

  @Test
  void withoutARegionTheSdksRegionChainDecides() {
    aws.onKey("HEAD", "k").reply(found());
    Map<String, String> config = aws.config();
    config.remove("region");
    String saved = System.getProperty("aws.region");
    System.setProperty("aws.region", "eu-west-3");
    try (Operator op = Operator.builder("s3").config(config).build()) {
      op.stat("k").block(WAIT);
    } finally {
      if (saved == null) System.clearProperty("aws.region");
      else System.setProperty("aws.region", saved);
    }
    assertThat(aws.requests("HEAD").get(0).header("Authorization")).contains("/eu-west-3/s3/aws4_request");
  }

  @Test
  void crossRegionAccessFollowsTheBucketsRegion() {
    aws.onKey("HEAD", "k").reply(Response.empty(301).with("x-amz-bucket-region", "eu-west-1"), found());
    aws.onBucket("HEAD").reply(Response.empty(301).with("x-amz-bucket-region", "eu-west-1"));
    try (Operator op = Operator.builder("s3").config(aws.config()).config("cross_region_access", "true").build()) {
      assertThat(op.stat("k").block(WAIT).size()).isEqualTo(1);
    }
    List<FakeAws.Request> heads = aws.requests("HEAD");
    assertThat(heads.get(0).header("Authorization")).contains("/us-east-1/s3/aws4_request");
    assertThat(heads.get(heads.size() - 1).header("Authorization")).contains("/eu-west-1/s3/aws4_request");
  }

  @Test
  void contentMd5IsSentOnDeleteObjectsOnlyWhenConfigured() {
    aws.onBucket("POST").withParam("delete").reply(Response.of(200, FakeAws.XML, DELETED));
    for (String md5 : List.of("false", "true")) {
      try (Operator op = Operator.builder("s3").config(aws.config()).config("content_md5", md5).build()) {
        assertThat(op.deleteAll(Flux.just("a", "b")).collectList().block(WAIT)).allSatisfy(r -> assertThat(r.isOk()).isTrue());
      }
    }
    List<FakeAws.Request> posts = aws.requests("POST");
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).header("Content-MD5")).isNull();
    assertThat(posts.get(1).header("Content-MD5")).isNotBlank();
  }

  @Test
  void aPutOnlyPrincipalWritesWithPathChecksOff() {
    aws.onKey("HEAD", "k").reply(Response.empty(403));
    aws.onKey("PUT", "k").reply(Response.empty(200).with("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\""));
    try (Operator op = Operator.builder("s3").config(aws.config()).config("path_checks", "false").build()) {
      op.write("k", new byte[0]).block(WAIT);
      op.write("k", new byte[0], WriteOptions.defaults().withIfNotExists(true)).block(WAIT);
      assertThatThrownBy(() -> op.stat("k").block(WAIT)).isInstanceOfSatisfying(RdalException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(e.getMessage()).contains("s3:ListBucket");
      });
    }
    assertThat(aws.requests("PUT")).hasSize(2);
    assertThat(aws.requests("PUT").get(1).header("If-None-Match")).isEqualTo("*");
    assertThat(aws.requests("GET")).isEmpty();
  }
}
