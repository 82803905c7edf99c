package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.s3.FakeAws.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/**
 * The error table on AWS's own answers: each row is one canned answer (status, headers, error document,
 * or an error inside a 200) to one operation, and the kind, the temporary flag and the message the caller
 * gets. The SDK's own retries run first.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3AwsErrorTableTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MULTIPART_CREATED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>" + FakeAws.BUCKET
      + "</Bucket><Key>k</Key><UploadId>UPLOAD-1</UploadId></InitiateMultipartUploadResult>";

  private FakeAws aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAws();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  /** One row: the answer set up on the fake, the call, and what the caller must get. */
  record Row(String name, Consumer<FakeAws> answers, Function<Operator, Mono<?>> call, ErrorKind kind,
      boolean temporary, String messagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        new Row("200 with InternalError inside, CopyObject",
            a -> a.onKey("PUT", "to").reply(Response.of(200, FakeAws.XML, FakeAws.errorXml("InternalError", "We encountered an internal error. Please try again."))),
            op -> op.copy("from", "to"), ErrorKind.UNEXPECTED, true, "InternalError"),
        new Row("200 with InternalError inside, CompleteMultipartUpload",
            a -> multipartThenComplete(a, Response.of(200, FakeAws.XML, FakeAws.errorXml("InternalError", "We encountered an internal error. Please try again."))),
            op -> op.write("k", new byte[3 << 20]), ErrorKind.UNEXPECTED, true, "InternalError"),
        new Row("400 RequestTimeout",
            a -> a.onKey("PUT", "k").reply(Response.error(400, "RequestTimeout", "Your socket connection to the server was not read from or written to within the timeout period.")),
            op -> op.write("k", new byte[1]), ErrorKind.UNEXPECTED, true, "RequestTimeout"),
        new Row("409 OperationAborted",
            a -> a.onKey("PUT", "k").reply(Response.error(409, "OperationAborted", "A conflicting conditional operation is currently in progress against this resource. Try again.")),
            op -> op.write("k", new byte[1]), ErrorKind.UNEXPECTED, true, "OperationAborted"),
        new Row("409 ConditionalRequestConflict, PutObject",
            a -> a.onKey("PUT", "k").reply(Response.error(409, "ConditionalRequestConflict", "A conflicting operation occurred.")),
            op -> op.write("k", new byte[1]), ErrorKind.UNEXPECTED, true, "ConditionalRequestConflict"),
        new Row("409 ConditionalRequestConflict, CompleteMultipartUpload",
            a -> multipartThenComplete(a, Response.error(409, "ConditionalRequestConflict", "A conflicting operation occurred.")),
            op -> op.write("k", new byte[3 << 20]), ErrorKind.UNEXPECTED, true, "new upload"),
        new Row("501 NotImplemented",
            a -> a.onKey("GET", "k").reply(Response.error(501, "NotImplemented", "A header you provided implies functionality that is not implemented.")),
            op -> op.readAllBytes("k"), ErrorKind.UNSUPPORTED, false, "NotImplemented"),
        new Row("XML the SDK cannot parse",
            a -> a.onBucket("GET").reply(Response.of(200, FakeAws.XML, "<?xml version=\"1.0\"?><ListBucketResult><Contents><Key>a\u0001</Key></Contents></ListBucketResult>")),
            op -> op.list("d/").collectList(), ErrorKind.UNEXPECTED, false, "parse"),
        new Row("400 ExpiredToken",
            a -> a.onKey("GET", "k").reply(Response.error(400, "ExpiredToken", "The provided token has expired.")),
            op -> op.readAllBytes("k"), ErrorKind.PERMISSION_DENIED, false, "expired"),
        new Row("403 InvalidObjectState",
            a -> a.onKey("GET", "k").reply(Response.error(403, "InvalidObjectState", "The operation is not valid for the object's storage class")),
            op -> op.readAllBytes("k"), ErrorKind.PERMISSION_DENIED, false, "restore"),
        new Row("HEAD 400 of an SSE-C object",
            a -> a.onKey("HEAD", "k").reply(Response.empty(400)),
            op -> op.stat("k"), ErrorKind.UNSUPPORTED, false, "SSE-C"),
        new Row("400 MetadataTooLarge",
            a -> a.onKey("PUT", "k").reply(Response.error(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.")),
            op -> op.write("k", new byte[1]), ErrorKind.INVALID_INPUT, false, "MetadataTooLarge"),
        new Row("400 InvalidArgument",
            a -> a.onKey("GET", "k").reply(Response.error(400, "InvalidArgument", "Invalid Argument")),
            op -> op.readAllBytes("k"), ErrorKind.INVALID_INPUT, false, "InvalidArgument"),
        new Row("400 KeyTooLongError",
            a -> a.onKey("PUT", "k").reply(Response.error(400, "KeyTooLongError", "Your key is too long")),
            op -> op.write("k", new byte[1]), ErrorKind.INVALID_INPUT, false, "KeyTooLongError"),
        new Row("301 PermanentRedirect",
            a -> a.onKey("GET", "k").reply(Response.error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint.")
                .with("x-amz-bucket-region", "eu-west-1")),
            op -> op.readAllBytes("k"), ErrorKind.CONFIG_INVALID, false, "eu-west-1"),
        new Row("HEAD 301 (no body)",
            a -> a.onKey("HEAD", "k").reply(Response.empty(301).with("x-amz-bucket-region", "ap-south-2")),
            op -> op.stat("k"), ErrorKind.CONFIG_INVALID, false, "ap-south-2"),
        new Row("400 AuthorizationHeaderMalformed",
            a -> a.onKey("GET", "k").reply(Response.error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'")
                .with("x-amz-bucket-region", "eu-central-1")),
            op -> op.readAllBytes("k"), ErrorKind.CONFIG_INVALID, false, "eu-central-1"))
        .map(Arguments::of);
  }

  private static void multipartThenComplete(FakeAws a, Response completion) {
    a.onKey("POST", "k").withParam("uploads").reply(Response.of(200, FakeAws.XML, MULTIPART_CREATED));
    a.onKey("PUT", "k").withParam("partNumber").reply(Response.empty(200).with("ETag", "\"b54357faf0632cce46e942fa68356b38\""));
    a.onKey("POST", "k").withParam("uploadId").reply(completion);
    a.onKey("DELETE", "k").withParam("uploadId").reply(Response.empty(204));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachAnswerMapsToItsKind(Row row) {
    row.answers().accept(aws);
    Map<String, String> config = aws.config();
    config.put("path_checks", "false");
    config.put("part_size", "1m");
    config.put("allow_small_parts", "true");
    try (Operator op = Operator.builder("s3").config(config).build()) {
      assertThatThrownBy(() -> row.call().apply(op).block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.kind()).as("kind").isEqualTo(row.kind());
            assertThat(e.isTemporary()).as("temporary").isEqualTo(row.temporary());
            assertThat(e.getMessage()).containsIgnoringCase(row.messagePart());
            assertThat(e.backend()).isEqualTo("s3");
          });
    }
  }

  @Test
  void missingCredentialsAreAConfigurationError() {
    Map<String, String> config = aws.config();
    config.remove("access_key_id");
    config.remove("secret_access_key");
    Map<String, String> saved = new java.util.HashMap<>();
    Map<String, String> props = Map.of("aws.sharedCredentialsFile", "/nonexistent/rdal-credentials",
        "aws.configFile", "/nonexistent/rdal-config", "aws.disableEc2Metadata", "true");
    props.forEach((k, v) -> {
      saved.put(k, System.getProperty(k));
      System.setProperty(k, v);
    });
    try (Operator op = Operator.builder("s3").config(config).build()) {
      assertThatThrownBy(() -> op.stat("k").block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
            assertThat(e.isTemporary()).isFalse();
            assertThat(e.getMessage()).contains("credentials");
          });
      assertThat(aws.requests()).isEmpty();
    } finally {
      saved.forEach((k, v) -> {
        if (v == null) System.clearProperty(k);
        else System.setProperty(k, v);
      });
    }
  }
}
