package dev.rdal.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The isolation benchmark sets up, reads the right bytes under load, and releases its threads. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IsolationBenchmarksTest {

  @ParameterizedTest
  @ValueSource(strings = {"shared_custom", "dedicated"})
  void smallReadsWorkWhileTheSlowBackendIsSaturated(String schedulers) {
    IsolationBenchmarks b = new IsolationBenchmarks();
    b.schedulers = schedulers;
    b.setUp();
    try {
      long first = b.small_read();
      assertThat(b.small_read()).isEqualTo(first);
    } finally {
      b.tearDown();
    }
  }
}
