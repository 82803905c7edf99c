package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Listings against AWS's own answers: UTF-8 byte order, start-after, URL-encoded keys. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3AwsListingTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private FakeAws aws;
  private Operator op;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAws();
    op = Operator.builder("s3").config(aws.config()).config("path_checks", "false").build();
  }

  @AfterEach
  void stop() {
    op.close();
    aws.close();
  }

  private List<String> paths(String dir, ListOptions options) {
    return op.list(dir, options).map(ObjectMeta::path).collectList().block(WAIT);
  }

  @Test
  void aFullWidthNameAndAnEmojiListInAwsOrderAndStartAfterKeepsTheEmoji() {
    List<String> keys = List.of("d/！", "d/😀", "d/a");
    aws.onBucket("GET").withParam("list-type", "2").answer(req -> FakeAws.listObjectsV2(req, keys));
    assertThat(paths("d/", ListOptions.defaults())).containsExactly("d/a", "d/！", "d/😀");
    assertThat(paths("d/", ListOptions.defaults().withStartAfter("d/！"))).containsExactly("d/😀");
    assertThat(paths("d/", ListOptions.recursively().withStartAfter("d/a"))).containsExactly("d/！", "d/😀");
    assertThat(aws.requests("GET").get(1).query()).containsEntry("start-after", "d/！");
  }
}
