package dev.rdal.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteSumTest {

  private final byte[] data = TestFiles.content(100_003);
  private final long whole = ByteSum.of(data, 0, data.length);

  @Test
  void checksumDoesNotDependOnHowTheBytesAreChunked() {
    SplittableRandom r = new SplittableRandom(1);
    for (int round = 0; round < 50; round++) {
      ByteSum s = new ByteSum();
      int at = 0;
      while (at < data.length) {
        int n = Math.min(data.length - at, 1 + r.nextInt(20_000));
        s.add(data, at, n);
        at += n;
      }
      assertThat(s.value()).isEqualTo(whole);
      assertThat(s.count()).isEqualTo(data.length);
    }
  }

  @Test
  void directLittleEndianAndSlicedBuffersGiveTheSameChecksum() {
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length + 3).order(ByteOrder.LITTLE_ENDIAN);
    direct.position(3);
    direct.put(data).flip().position(3);
    ByteSum s = new ByteSum();
    s.add(direct);
    assertThat(s.value()).isEqualTo(whole);
    assertThat(direct.position()).as("the consumer leaves the buffer as it was").isEqualTo(3);
  }

  @Test
  void differentBytesGiveADifferentChecksum() {
    byte[] changed = data.clone();
    changed[12_345] ^= 1;
    assertThat(ByteSum.of(changed, 0, changed.length)).isNotEqualTo(whole);
    assertThat(ByteSum.of(data, 0, data.length - 1)).isNotEqualTo(whole);
  }

  @Test
  void resetStartsOver() {
    ByteSum s = new ByteSum();
    s.add(data, 0, 77);
    s.reset().add(data, 0, data.length);
    assertThat(s.value()).isEqualTo(whole);
  }
}
