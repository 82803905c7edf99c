package dev.rdal.benchmarks.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The paired timing runs every implementation it names on one file, checks the bytes and pairs the ratios. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterleavedTimingTest {

  @Test
  void givesEveryImplementationARatioToTheFirstFromTheSecondHalfOfTheRun() throws Exception {
    List<InterleavedTiming.Row> rows = InterleavedTiming.run(List.of("raw", "rdal_global_lent"), (1 << 20) + 123, 2, false);

    assertThat(rows).extracting(InterleavedTiming.Row::impl).containsExactly("raw", "rdal_global_lent");
    assertThat(rows.get(0).ratio()).isCloseTo(1.0, within(1e-12));
    assertThat(rows.get(1).ratio()).isPositive().isFinite();
    assertThat(rows).allSatisfy(r -> assertThat(r.microsPerRead()).isPositive().isFinite());
  }
}
