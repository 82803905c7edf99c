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

  @Test
  void aKeyWithAControlCharacterListsThroughUrlEncodingEverywhere() {
    List<String> keys = List.of("d/a\u0001b", "d/x");
    aws.onBucket("GET").withParam("list-type", "2").answer(req -> FakeAws.listObjectsV2(req, keys));
    aws.onAny("HEAD").reply(FakeAws.Response.empty(404));
    aws.onBucket("POST").withParam("delete").reply(FakeAws.Response.of(200, FakeAws.XML,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Deleted><Key>d/x</Key></Deleted></DeleteResult>"));
    aws.onAny("DELETE").reply(FakeAws.Response.empty(204));
    aws.onAny("PUT").reply(FakeAws.Response.empty(200).with("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\""));

    assertThat(paths("d/", ListOptions.defaults())).containsExactly("d/a\u0001b", "d/x");
    assertThat(paths("/", ListOptions.recursively())).containsExactly("d/", "d/a\u0001b", "d/x");
    assertThat(op.stat("d").block(WAIT).directory()).isTrue();
    assertThat(op.exists("d/").block(WAIT)).isTrue();
    try (Operator checked = Operator.builder("s3").config(aws.config()).build()) {
      checked.write("d/a\u0001b/new", new byte[0]).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(WAIT);
    }
    assertThat(aws.requests("GET")).allSatisfy(r -> assertThat(r.query()).containsEntry("encoding-type", "url"));

    List<dev.rdal.DeleteResult> deleted = op.deleteAll(reactor.core.publisher.Flux.fromIterable(keys)).collectList().block(WAIT);
    assertThat(deleted).allSatisfy(d -> assertThat(d.error()).isNull());
    assertThat(aws.requests("POST")).singleElement().satisfies(r -> {
      assertThat(r.bodyText()).contains("<Key>d/x</Key>").doesNotContain("\u0001");
    });
    assertThat(aws.requests("DELETE")).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/" + FakeAws.BUCKET + "/d/a\u0001b"));
  }
}
