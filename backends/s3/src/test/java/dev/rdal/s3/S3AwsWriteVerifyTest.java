package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.WriteOptions;
import dev.rdal.s3.FakeAws.Response;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A write whose first answer was lost and whose SDK retry was refused (NoSuchUpload on completion, 412 on a
 * create-only PUT) is checked with a HEAD: it succeeds when the object there is the one written, and fails
 * as before when it is not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3AwsWriteVerifyTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PART_ETAG_1 = "b54357faf0632cce46e942fa68356b38";
  private static final String PART_ETAG_2 = "0b8dbc39ae5a6d6d8db8f1cc3b1e4a8a";

  private FakeAws aws;
  private Operator op;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAws();
    Map<String, String> config = aws.config();
    config.put("path_checks", "false");
    config.put("part_size", "1m");
    config.put("allow_small_parts", "true");
    op = Operator.builder("s3").config(config).build();
  }

  @AfterEach
  void stop() {
    op.close();
    aws.close();
  }

  private void multipart(Response... completion) {
    aws.onKey("POST", "k").withParam("uploads").reply(Response.of(200, FakeAws.XML,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/"
            + "2006-03-01/\"><Bucket>" + FakeAws.BUCKET + "</Bucket><Key>k</Key><UploadId>UP1</UploadId>"
            + "</InitiateMultipartUploadResult>"));
    aws.onKey("PUT", "k").withParam("partNumber", "1").reply(Response.empty(200).with("ETag", "\"" + PART_ETAG_1 + "\""));
    aws.onKey("PUT", "k").withParam("partNumber", "2").reply(Response.empty(200).with("ETag", "\"" + PART_ETAG_2 + "\""));
    aws.onKey("POST", "k").withParam("uploadId").reply(completion);
    aws.onKey("DELETE", "k").withParam("uploadId").reply(Response.error(404, "NoSuchUpload", "The specified upload does not exist."));
  }

  private static String multipartEtag() throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(HexFormat.of().parseHex(PART_ETAG_1));
    md5.update(HexFormat.of().parseHex(PART_ETAG_2));
    return "\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"";
  }

  private static Response head(String etag, long size) {
    return Response.empty(200).with("ETag", etag).with("Content-Length", Long.toString(size))
        .with("Last-Modified", "Fri, 04 Dec 2026 10:00:00 GMT");
  }

  @Test
  void noSuchUploadAfterARetriedCompletionIsSuccessWhenTheObjectIsOurs() throws Exception {
    multipart(Response.error(500, "InternalError", "We encountered an internal error. Please try again."),
        Response.error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, "
            + "or the upload may have been aborted or completed."));
    aws.onKey("HEAD", "k").reply(head(multipartEtag(), (1 << 20) + 5));
    ObjectMeta meta = op.write("k", new byte[(1 << 20) + 5]).block(WAIT);
    assertThat(meta.etag()).isEqualTo(multipartEtag());
    assertThat(meta.size()).isEqualTo((1 << 20) + 5);
    assertThat(aws.requests("POST").stream().filter(r -> r.has("uploadId")).count()).isEqualTo(2);
    assertThat(aws.requests("HEAD")).hasSize(1);
  }

  @Test
  void noSuchUploadStaysAFailureWhenTheObjectThereIsAnother() {
    multipart(Response.error(500, "InternalError", "We encountered an internal error. Please try again."),
        Response.error(404, "NoSuchUpload", "The specified upload does not exist."));
    aws.onKey("HEAD", "k").reply(head("\"0123456789abcdef0123456789abcdef-2\"", (1 << 20) + 5));
    assertThatThrownBy(() -> op.write("k", new byte[(1 << 20) + 5]).block(WAIT))
        .isInstanceOfSatisfying(RdalException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).contains("NoSuchUpload");
        });
  }

  @Test
  void aCreateOnlyPutRefusedWith412AfterARetryIsSuccessWhenTheObjectIsOurs() throws Exception {
    byte[] body = "hello, world".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
    aws.onKey("PUT", "k").reply(Response.error(500, "InternalError", "We encountered an internal error."),
        Response.error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"));
    aws.onKey("HEAD", "k").reply(Response.empty(404), head(etag, body.length));
    ObjectMeta meta = op.write("k", dev.rdal.Buffers.of(body), WriteOptions.defaults().withIfNotExists(true)).block(WAIT);
    assertThat(meta.etag()).isEqualTo(etag);
    assertThat(aws.requests("PUT")).hasSize(2).allSatisfy(r -> assertThat(r.header("If-None-Match")).isEqualTo("*"));
  }

  @Test
  void aCreateOnlyPutRefusedWith412AfterARetryIsAlreadyExistsWhenTheObjectIsAnother() {
    aws.onKey("PUT", "k").reply(Response.error(500, "InternalError", "We encountered an internal error."),
        Response.error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"));
    aws.onKey("HEAD", "k").reply(Response.empty(404), head("\"0123456789abcdef0123456789abcdef\"", 12));
    assertThatThrownBy(() -> op.write("k", dev.rdal.Buffers.of("hello, world".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            WriteOptions.defaults().withIfNotExists(true)).block(WAIT))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
  }

  @Test
  void aCreateOnlyPutRefusedAtOnceIsAlreadyExistsWithoutAnotherHead() {
    aws.onKey("PUT", "k").reply(Response.error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"));
    aws.onKey("HEAD", "k").reply(Response.empty(404));
    assertThatThrownBy(() -> op.write("k", new byte[1], WriteOptions.defaults().withIfNotExists(true)).block(WAIT))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    assertThat(aws.requests("HEAD")).hasSize(1);
  }
}
