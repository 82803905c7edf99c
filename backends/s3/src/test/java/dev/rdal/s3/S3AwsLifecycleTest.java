package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.s3.FakeAws.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing an operator stops the SDK's event loop threads and everything else the backend made. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3AwsLifecycleTest {

  @Test
  void closeStopsTheHttpClientsEventLoops() throws Exception {
    for (Map<String, String> extra : List.of(Map.<String, String>of(), Map.of("client_per_worker", "true"))) {
      try (FakeAws aws = new FakeAws()) {
        aws.onKey("HEAD", "k").reply(Response.empty(200).with("Content-Length", "3").with("ETag", "\"e\""));
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        Map<String, String> config = aws.config();
        config.putAll(extra);
        Operator op = Operator.builder("s3").config(config).build();
        assertThat(op.stat("k").block(Duration.ofSeconds(30)).size()).isEqualTo(3);
        op.close();
        List<Thread> sdk = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && (t.getName().startsWith("aws-java-sdk") || t.getName().startsWith("sdk-")))
            .toList();
        for (Thread t : sdk) {
          t.join(10_000); // the closed loops end on their own; joining waits for that, no longer
        }
        assertThat(sdk.stream().filter(Thread::isAlive).map(Thread::getName).toList()).as(extra.toString()).isEmpty();
      }
    }
  }
}
