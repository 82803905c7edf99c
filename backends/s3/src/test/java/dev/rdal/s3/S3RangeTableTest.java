package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RangePolicy;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.spi.ReadRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every row of the range table measured against real S3 stores, through the operator, under both range
 * policies, on a 1 MiB object (and a 0-byte one). Also records what the store itself answers (status and
 * Content-Range) for the refused rows, so a change of server version that changes them is noticed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3RangeTableTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int MIB = 1 << 20;

  private Operator op;
  private S3Backend raw;
  private byte[] content;

  @BeforeAll
  void setUp() {
    S3TestServer server = S3TestServer.get();
    String bucket = server.newBucket();
    op = Operator.builder("s3").config(server.config(bucket)).build();
    raw = (S3Backend) new S3BackendProvider().create(new dev.rdal.spi.BackendConfig("s3", server.config(bucket)));
    content = new byte[MIB];
    new Random(42).nextBytes(content);
    op.write("one-mib", content).block(WAIT);
    op.write("empty", new byte[0]).block(WAIT);
  }

  @AfterAll
  void tearDown() {
    op.close();
    raw.close().block(WAIT);
  }

  /** range, what the store serves (null = 416), strict result (null = refused), clamp result (null = empty). */
  static Stream<Arguments> rows() {
    long size = MIB;
    return Stream.of(
        Arguments.of("bytes=0-4194303", ByteRange.of(0, 4L * MIB), "bytes 0-1048575/1048576", null, "bytes 0-1048575/1048576"),
        Arguments.of("bytes=2097152-", ByteRange.from(2L * MIB), null, null, "bytes */1048576"),
        Arguments.of("bytes=2097152-3145727", ByteRange.of(2L * MIB, MIB), null, null, "bytes */1048576"),
        Arguments.of("bytes=1048575-", ByteRange.from(size - 1), "bytes 1048575-1048575/1048576",
            "bytes 1048575-1048575/1048576", "bytes 1048575-1048575/1048576"),
        Arguments.of("bytes=1048576-", ByteRange.from(size), null, null, "bytes */1048576"),
        Arguments.of("bytes=-100", ByteRange.suffix(100), "bytes 1048476-1048575/1048576",
            "bytes 1048476-1048575/1048576", "bytes 1048476-1048575/1048576"),
        Arguments.of("bytes=-4194304", ByteRange.suffix(4L * MIB), "bytes 0-1048575/1048576", null,
            "bytes 0-1048575/1048576"),
        Arguments.of("bytes=1048000-1049999", ByteRange.of(1048000, 2000), "bytes 1048000-1048575/1048576", null,
            "bytes 1048000-1048575/1048576"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void storeAnswer(String header, ByteRange range, String served, String strict, String clamp) {
    assertThat(range.toHttpHeader()).isEqualTo(header);
    if (served != null) {
      ReadResult r = raw.read("one-mib", new ReadRequest(range, null, null)).block(WAIT);
      assertThat(r.contentRange().toHeader()).isEqualTo(served);
      assertThat(r.bodyBytes().block(WAIT)).hasSize((int) r.contentRange().length());
    } else {
      assertThatThrownBy(() -> raw.read("one-mib", new ReadRequest(range, null, null)).block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RANGE_NOT_SATISFIABLE);
            // S3Proxy (like S3) states no Content-Range on its 416: the size comes from a stat.
            assertThat(e.objectSize()).isEmpty();
          });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void strictPolicy(String header, ByteRange range, String served, String strict, String clamp) {
    ReadOptions options = ReadOptions.range(range).withPolicy(RangePolicy.STRICT);
    if (strict == null) {
      assertThatThrownBy(() -> op.readWithMeta("one-mib", options).block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.RANGE_NOT_SATISFIABLE);
            assertThat(e.objectSize()).hasValue(MIB);
          });
    } else {
      ReadResult r = op.readWithMeta("one-mib", options).block(WAIT);
      assertThat(r.contentRange().toHeader()).isEqualTo(strict);
      assertBody(r);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void clampPolicy(String header, ByteRange range, String served, String strict, String clamp) {
    ReadResult r = op.readWithMeta("one-mib", ReadOptions.range(range).withPolicy(RangePolicy.CLAMP)).block(WAIT);
    assertThat(r.contentRange().toHeader()).isEqualTo(clamp);
    assertBody(r);
  }

  private void assertBody(ReadResult r) {
    ContentRange cr = r.contentRange();
    byte[] body = r.bodyBytes().block(WAIT);
    byte[] expected = cr.isUnsatisfied() ? new byte[0]
        : Arrays.copyOfRange(content, (int) cr.first(), (int) cr.last() + 1);
    assertThat(body).isEqualTo(expected);
  }

  @Test
  void zeroByteObjectAnswersBytesZeroDashWith416() {
    var request = software.amazon.awssdk.services.s3.model.GetObjectRequest.builder()
        .bucket(raw.bucket()).key("empty").range("bytes=0-").build();
    assertThatThrownBy(() -> raw.client().getObject(request, AsyncResponseTransformer.toBytes()).join())
        .hasCauseInstanceOf(S3Exception.class)
        .satisfies(e -> {
          S3Exception s3 = (S3Exception) e.getCause();
          assertThat(s3.statusCode()).isEqualTo(416);
          assertThat(s3.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
          assertThat(S3Errors.objectSizeOf416(s3)).isEmpty();
        });
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(RangePolicy.class)
  void zeroByteObjectReadsEmptyUnderBothPolicies(RangePolicy policy) {
    ReadResult r = op.readWithMeta("empty", ReadOptions.defaults().withPolicy(policy)).block(WAIT);
    assertThat(r.contentRange().toHeader()).isEqualTo("bytes */0");
    assertThat(r.bodyBytes().block(WAIT)).isEmpty();
    ReadResult from0 = op.readWithMeta("empty", ReadOptions.range(ByteRange.from(0)).withPolicy(policy)).block(WAIT);
    assertThat(from0.contentRange().toHeader()).isEqualTo("bytes */0");
    assertThat(from0.bodyBytes().block(WAIT)).isEmpty();
  }

  @Test
  void zeroByteObjectWithBoundedRange() {
    ReadResult clamped = op.readWithMeta("empty", ReadOptions.range(ByteRange.of(0, 10)).withPolicy(RangePolicy.CLAMP))
        .block(WAIT);
    assertThat(clamped.contentRange().toHeader()).isEqualTo("bytes */0");
    assertThat(clamped.bodyBytes().block(WAIT)).isEmpty();
    assertThatThrownBy(() -> op.readWithMeta("empty", ReadOptions.range(ByteRange.of(0, 10))).block(WAIT))
        .isInstanceOfSatisfying(RdalException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RANGE_NOT_SATISFIABLE);
          assertThat(e.objectSize()).hasValue(0L);
        });
  }

  @Test
  void emptyRangesAreAnsweredWithoutABody() {
    ReadResult r = op.readWithMeta("one-mib", ReadOptions.range(ByteRange.of(MIB, 0))).block(WAIT);
    assertThat(r.contentRange().toHeader()).isEqualTo("bytes */1048576");
    assertThat(r.bodyBytes().block(WAIT)).isEmpty();
  }
}
