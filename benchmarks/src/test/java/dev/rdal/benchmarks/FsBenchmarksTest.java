package dev.rdal.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The suites' own setup verification passes for the reference and each benchmark method returns the file's checksum. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FsBenchmarksTest {

  @Test
  void referenceSuiteVerifiesAndMeasuresTheRightBytes() throws Exception {
    FsBenchmarks b = new FsBenchmarks();
    b.impl = "raw";
    b.rdalConfig = "-";
    b.setUp();
    try {
      byte[] content = TestFiles.content(FsBenchmarks.FILE_SIZE);
      assertThat(b.read()).isEqualTo(ByteSum.of(content, 0, FsBenchmarks.FILE_SIZE));
      assertThat(b.range_read()).isEqualTo(ByteSum.of(content, FsBenchmarks.RANGE_OFFSET, FsBenchmarks.HALF));
    } finally {
      b.tearDown();
    }
  }

  @Test
  void parallelSuiteVerifiesItsRanges() throws Exception {
    FsParallelBenchmarks b = new FsParallelBenchmarks();
    b.impl = "raw";
    b.rdalConfig = "-";
    b.readers = 2;
    b.setUp();
    try {
      assertThat(b.parallel_range_read()).isNotZero();
    } finally {
      b.tearDown();
    }
  }
}
