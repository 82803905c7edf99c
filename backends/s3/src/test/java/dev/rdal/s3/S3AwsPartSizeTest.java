package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.s3.FakeAws.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Part sizes grow with the stream so that 10,000 parts reach S3's 5 TiB: shown with a part size of one
 * byte (the first 1,000 parts of one byte, then two), and the documented ceilings.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class S3AwsPartSizeTest {

  @Test
  void theDefaultPartSizeReachesFiveTebibytesAndTheSmallestAlmost() {
    assertThat(S3PartSizes.size(8L << 20, 1000)).isEqualTo(8L << 20);
    assertThat(S3PartSizes.size(8L << 20, 1001)).isEqualTo(16L << 20);
    assertThat(S3PartSizes.size(8L << 20, 10_000)).isEqualTo(4L << 30);
    assertThat(S3PartSizes.size(1L << 30, 10_000)).isEqualTo(S3Settings.MAX_PART_SIZE);
    assertThat(S3PartSizes.ceiling(8L << 20)).isEqualTo(5L << 40);
    assertThat(S3PartSizes.ceiling(5L << 20)).isEqualTo(1023L * 1000 * (5L << 20));
    assertThat(S3PartSizes.ceiling(1)).isEqualTo(1023L * 1000);
  }

  @Test
  void partsDoubleAfterTheFirstThousand() throws Exception {
    try (FakeAws aws = new FakeAws()) {
      aws.onKey("POST", "k").withParam("uploads").reply(Response.of(200, FakeAws.XML,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/"
              + "doc/2006-03-01/\"><Bucket>" + FakeAws.BUCKET + "</Bucket><Key>k</Key><UploadId>UP1</UploadId>"
              + "</InitiateMultipartUploadResult>"));
      aws.onKey("PUT", "k").withParam("partNumber").reply(Response.empty(200).with("ETag", "\"b54357faf0632cce46e942fa68356b38\""));
      aws.onKey("POST", "k").withParam("uploadId").reply(Response.of(200, FakeAws.XML,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/"
              + "doc/2006-03-01/\"><Location>http://x/k</Location><Bucket>" + FakeAws.BUCKET + "</Bucket><Key>k</Key>"
              + "<ETag>\"3858f62230ac3c915f300c664312c11f-1002\"</ETag></CompleteMultipartUploadResult>"));
      Map<String, String> config = aws.config();
      config.put("path_checks", "false");
      config.put("part_size", "1");
      config.put("allow_small_parts", "true");
      try (Operator op = Operator.builder("s3").config(config).build()) {
        ObjectMeta meta = op.write("k", new byte[1003]).block(Duration.ofSeconds(240));
        assertThat(meta.size()).isEqualTo(1003);
      }
      List<FakeAws.Request> parts = aws.requests("PUT");
      assertThat(parts).hasSize(1002);
      assertThat(parts).allSatisfy(p -> {
        int n = Integer.parseInt(p.query().get("partNumber"));
        assertThat(p.body()).as("part %d", n).hasSize(n <= 1000 ? 1 : n == 1001 ? 2 : 1);
      });
      assertThat(aws.requests("POST").get(1).bodyText()).contains("<PartNumber>1002</PartNumber>");
    }
  }
}
