package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.memory.MemoryBackend;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class MetricsLayerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private Timer timer(String op, String outcome, String error) {
    return registry.find(MetricsLayer.OPERATIONS)
        .tags("backend", "memory", "operation", op, "outcome", outcome, "error", error).timer();
  }

  @Test
  void timesEveryOperationWithItsOutcomeAndErrorKind() {
    try (Operator op = Operator.builder(new MemoryBackend()).layer(new MetricsLayer(registry)).build()) {
      op.write("a", new byte[] {1, 2, 3}).block(WAIT);
      op.stat("a").block(WAIT);
      op.stat("a").block(WAIT);
      StepVerifier.create(op.stat("missing"))
          .expectErrorSatisfies(e -> assertThat(RdalException.isKind(e, ErrorKind.NOT_FOUND)).isTrue())
          .verify(WAIT);
      op.list("/").collectList().block(WAIT);
    }
    assertThat(timer("write", "success", "none").count()).isEqualTo(1);
    assertThat(timer("stat", "success", "none").count()).isEqualTo(2);
    assertThat(timer("stat", "error", "NOT_FOUND").count()).isEqualTo(1);
    assertThat(timer("list", "success", "none").count()).isEqualTo(1);
  }

  @Test
  void countsBytesReadAndWritten() {
    try (Operator op = Operator.builder(new MemoryBackend()).layer(new MetricsLayer(registry)).build()) {
      op.write("a", new byte[1000]).block(WAIT);
      op.write("b", new byte[24]).block(WAIT);
      op.readAllBytes("a").block(WAIT);
      op.read("a", ReadOptions.range(dev.rdal.ByteRange.of(10, 90))).then().block(WAIT);
    }
    assertThat(registry.get(MetricsLayer.BYTES_WRITTEN).tag("backend", "memory").counter().count()).isEqualTo(1024);
    assertThat(registry.get(MetricsLayer.BYTES_READ).tag("backend", "memory").counter().count()).isEqualTo(1090);
    assertThat(timer("read", "success", "none").count()).isEqualTo(2);
  }

  @Test
  void aReadIsInFlightUntilItsBodyEnds() {
    try (Operator op = Operator.builder(new MemoryBackend()).layer(new MetricsLayer(registry)).build()) {
      op.write("a", new byte[10]).block(WAIT);
      ReadResult open = op.readWithMeta("a", ReadOptions.defaults()).block(WAIT);
      LongTaskTimer active = registry.get(MetricsLayer.ACTIVE).tags("backend", "memory", "operation", "read").longTaskTimer();
      assertThat(active.activeTasks()).isEqualTo(1);
      assertThat(timer("read", "success", "none")).isNull();
      open.bodyBytes().block(WAIT);
      assertThat(active.activeTasks()).isZero();
      assertThat(timer("read", "success", "none").count()).isEqualTo(1);

      op.readWithMeta("a", ReadOptions.defaults()).block(WAIT).discard();
      assertThat(active.activeTasks()).isZero();
      assertThat(timer("read", "cancelled", "none").count()).isEqualTo(1);
    }
  }

  @Test
  void countsRetriesThroughTheRetryListener() {
    MetricsLayer metrics = new MetricsLayer(registry);
    ScriptedBackend store = new ScriptedBackend();
    store.put("a", new byte[1]);
    store.failNext("stat", 2, true);
    try (Operator op = Operator.builder(store)
        .layer(metrics)
        .layer(new RetryLayer(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(1))
            .withListener(metrics.retryListener())))
        .build()) {
      op.stat("a").block(WAIT);
    }
    assertThat(registry.get(MetricsLayer.RETRIES)
        .tags("backend", "memory", "operation", "stat", "error", "UNEXPECTED").counter().count()).isEqualTo(2);
    // outside retry, the metrics layer saw one call
    assertThat(timer("stat", "success", "none").count()).isEqualTo(1);
  }

  @Test
  void insideRetryItCountsAttempts() {
    ScriptedBackend store = new ScriptedBackend();
    store.put("a", new byte[1]);
    store.failNext("stat", 2, true);
    try (Operator op = Operator.builder(store)
        .layer(new RetryLayer(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(1))))
        .layer(new MetricsLayer(registry))
        .build()) {
      op.stat("a").block(WAIT);
    }
    assertThat(timer("stat", "error", "UNEXPECTED").count()).isEqualTo(2);
    assertThat(timer("stat", "success", "none").count()).isEqualTo(1);
  }

  @Test
  void capabilitiesPassThrough() {
    MemoryBackend memory = new MemoryBackend();
    assertThat(new MetricsLayer(registry).wrap(memory).capabilities()).isEqualTo(memory.capabilities());
  }
}
