package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** {@link PositionalReader}: reads into the caller's buffer at a position, on a handle opened once. */
abstract class PositionalReadCases extends KitCases {

  static final int SIZE = 10_000;
  byte[] content;
  PositionalReader reader;

  PositionalReadCases(BehaviorKit kit) {
    super(kit);
  }

  @BeforeEach
  final void openReader() {
    require(Capability.POSITIONAL_READ);
    content = bytes(SIZE);
    put(p("p.bin"), content);
    reader = op().openReader(p("p.bin")).block(TIMEOUT);
  }

  @AfterEach
  final void closeReader() {
    if (reader != null) {
      reader.close();
    }
  }

  int readAt(long position, ByteBuffer dst) {
    Integer n = reader.read(position, dst).block(TIMEOUT);
    assertThat(n).isNotNull();
    return n;
  }

  @Test
  @DisplayName("reads from position 0 fill the caller's buffer")
  void readsAtZero() {
    ByteBuffer dst = ByteBuffer.allocate(100);
    assertThat(readAt(0, dst)).isEqualTo(100);
    assertThat(dst.position()).isEqualTo(100);
    assertThat(dst.flip()).isEqualTo(ByteBuffer.wrap(content, 0, 100));
  }

  @Test
  @DisplayName("reads in the middle return the bytes at that position")
  void readsInMiddle() {
    ByteBuffer dst = ByteBuffer.allocate(1000);
    assertThat(readAt(4321, dst)).isEqualTo(1000);
    assertThat(dst.flip()).isEqualTo(ByteBuffer.wrap(content, 4321, 1000));
  }

  @Test
  @DisplayName("a direct buffer is filled like a heap buffer")
  void readsIntoDirectBuffer() {
    ByteBuffer dst = ByteBuffer.allocateDirect(256);
    assertThat(readAt(77, dst)).isEqualTo(256);
    assertThat(dst.flip()).isEqualTo(ByteBuffer.wrap(content, 77, 256));
  }

  @Test
  @DisplayName("a read near the end returns fewer bytes than asked")
  void shortReadAtEnd() {
    ByteBuffer dst = ByteBuffer.allocate(100);
    assertThat(readAt(SIZE - 30, dst)).isEqualTo(30);
    assertThat(dst.flip()).isEqualTo(ByteBuffer.wrap(content, SIZE - 30, 30));
  }

  @Test
  @DisplayName("a read at or past the end returns -1 and writes nothing")
  void atEndIsMinusOne() {
    ByteBuffer dst = ByteBuffer.allocate(10);
    assertThat(readAt(SIZE, dst)).isEqualTo(-1);
    assertThat(readAt(SIZE + 1000L, dst)).isEqualTo(-1);
    assertThat(dst.position()).isZero();
  }

  @Test
  @DisplayName("only the buffer's window between position and limit is written")
  void respectsBufferWindow() {
    ByteBuffer dst = ByteBuffer.allocate(30);
    dst.position(5).limit(15);
    assertThat(readAt(200, dst)).isEqualTo(10);
    assertThat(dst.position()).isEqualTo(15);
    byte[] all = dst.array();
    assertThat(slice(all, 0, 5)).containsOnly(0);
    assertThat(slice(all, 5, 15)).isEqualTo(slice(content, 200, 210));
    assertThat(slice(all, 15, 30)).containsOnly(0);
  }

  @Test
  @DisplayName("a buffer with no room reads 0 bytes")
  void emptyBufferReadsZero() {
    assertThat(readAt(10, ByteBuffer.allocate(0))).isZero();
  }

  @Test
  @DisplayName("a negative position is INVALID_INPUT")
  void negativePosition() {
    assertFails(reader.read(-1, ByteBuffer.allocate(1)), ErrorKind.INVALID_INPUT);
  }

  @Test
  @DisplayName("the handle's metadata matches stat")
  void metaMatchesStat() {
    ObjectMeta m = reader.meta();
    ObjectMeta s = stat(p("p.bin"));
    assertThat(m.size()).isEqualTo(SIZE);
    assertThat(m.path()).isEqualTo(p("p.bin"));
    assertThat(m.directory()).isFalse();
    assertThat(m.etag()).isEqualTo(s.etag());
  }

  @Test
  @DisplayName("concurrent reads at different positions each get their own bytes")
  void concurrentReads() {
    List<Boolean> ok = Flux.range(0, 64)
        .flatMap(i -> {
          ByteBuffer dst = ByteBuffer.allocate(100);
          int pos = i * 150;
          return reader.read(pos, dst).map(n -> n == 100 && dst.flip().equals(ByteBuffer.wrap(content, pos, 100)));
        }, 16)
        .collectList()
        .block(TIMEOUT);
    assertThat(ok).hasSize(64).containsOnly(true);
  }

  @Test
  @DisplayName("a whole object read piecewise equals the object")
  void piecewiseWholeObject() {
    ByteBuffer all = ByteBuffer.allocate(SIZE);
    long pos = 0;
    while (true) {
      ByteBuffer dst = ByteBuffer.allocate(777);
      int n = readAt(pos, dst);
      if (n < 0) break;
      all.put(dst.flip());
      pos += n;
    }
    assertThat(all.array()).isEqualTo(content);
  }

  @Test
  @DisplayName("reads after close fail with UNEXPECTED; close is idempotent")
  void readAfterClose() {
    reader.close();
    reader.close();
    assertFails(reader.read(0, ByteBuffer.allocate(1)), ErrorKind.UNEXPECTED);
  }

  @Test
  @DisplayName("opening a missing object is NOT_FOUND")
  void openMissing() {
    assertFails(op().openReader(p("missing")), ErrorKind.NOT_FOUND);
  }

  @Test
  @DisplayName("opening a directory is IS_A_DIRECTORY")
  void openDirectory() {
    put(p("d/x"), bytes(1));
    assertFails(op().openReader(p("d/")), ErrorKind.IS_A_DIRECTORY);
    assertFails(op().openReader(p("d")), ErrorKind.IS_A_DIRECTORY);
  }

  @Test
  @DisplayName("a zero-length object's reader returns -1 at position 0")
  void emptyObjectReader() {
    put(p("e"), new byte[0]);
    try (PositionalReader r = op().openReader(p("e")).block(TIMEOUT)) {
      assertThat(r.meta().size()).isZero();
      assertThat(r.read(0, ByteBuffer.allocate(5)).block(TIMEOUT)).isEqualTo(-1);
    }
  }
}
