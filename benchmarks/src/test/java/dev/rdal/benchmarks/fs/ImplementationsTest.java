package dev.rdal.benchmarks.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.benchmarks.ByteSum;
import dev.rdal.benchmarks.TestFiles;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every implementation the suites measure reads and writes the right bytes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImplementationsTest {

  private static final int SIZE = 3 * (1 << 20) + 12_345;
  private static final byte[] DATA = TestFiles.content(SIZE);
  private static ExecutorService threads;

  @BeforeAll
  static void startThreads() {
    threads = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  static List<String> ids() {
    return Implementations.available();
  }

  @ParameterizedTest
  @MethodSource("ids")
  void readsRangesStreamsAndWritesTheRightBytes(String id) throws Exception {
    Path dir = TestFiles.newDirectory("rdal-bench-test");
    try (FsImplementation fs = Implementations.create(id, dir, "-")) {
      TestFiles.write(dir.resolve("data.bin"), DATA);

      ByteSum sum = new ByteSum();
      fs.read("data.bin", 0, SIZE, sum);
      assertThat(sum.value()).isEqualTo(ByteSum.of(DATA, 0, SIZE));

      fs.read("data.bin", 1_000_001, 1 << 20, sum.reset());
      assertThat(sum.value()).isEqualTo(ByteSum.of(DATA, 1_000_001, 1 << 20));

      sum.reset();
      byte[] piece = new byte[8192];
      try (InputStream in = fs.open("data.bin")) {
        int n;
        while ((n = in.read(piece)) >= 0) {
          sum.add(piece, 0, n);
        }
      }
      assertThat(sum.value()).isEqualTo(ByteSum.of(DATA, 0, SIZE));

      long[] offsets = {0, 1 << 20, 2 << 20};
      ByteSum[] sinks = {new ByteSum(), new ByteSum(), new ByteSum()};
      fs.readConcurrently("data.bin", offsets, 1 << 20, sinks, threads);
      for (int i = 0; i < 3; i++) {
        assertThat(sinks[i].value()).isEqualTo(ByteSum.of(DATA, i << 20, 1 << 20));
      }

      ByteBuffer src = ByteBuffer.wrap(DATA);
      fs.write("out.bin", List.of(src.slice(0, 1 << 20), src.slice(1 << 20, SIZE - (1 << 20))));
      assertThat(TestFiles.checksumOf(dir.resolve("out.bin"))).isEqualTo(ByteSum.of(DATA, 0, SIZE));
    } finally {
      TestFiles.deleteTree(dir);
    }
  }

  @org.junit.jupiter.api.Test
  void unknownIdsAndBadConfigAreRefusedClearly() {
    assertThatThrownBy(() -> Implementations.create("nope", Path.of("."), "-"))
        .hasMessageContaining("unknown implementation 'nope'").hasMessageContaining("raw");
    assertThatThrownBy(() -> Implementations.parseConfig("a=1;oops"))
        .hasMessageContaining("'oops' is not key=value");
    assertThat(Implementations.parseConfig("a=1;b=2")).containsEntry("a", "1").containsEntry("b", "2");
  }
}
