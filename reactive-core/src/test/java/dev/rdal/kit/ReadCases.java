package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Buffers;
import dev.rdal.ByteRange;
import dev.rdal.Capability;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.RangePolicy;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.spi.LentBuffers;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Whole-object reads, conditional reads, and reads of what is not a file. */
abstract class ReadCases extends KitCases {

  ReadCases(BehaviorKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("a whole object reads back byte for byte")
  void readsWholeObject() {
    byte[] content = bytes(10_000);
    put(p("a.bin"), content);
    assertThat(get(p("a.bin"))).isEqualTo(content);
  }

  @Test
  @DisplayName("readAllBytes returns the whole object")
  void readAllBytes() {
    byte[] content = bytes(333);
    put(p("a.bin"), content);
    assertThat(op().readAllBytes(p("a.bin")).block(TIMEOUT)).isEqualTo(content);
  }

  @Test
  @DisplayName("reading a missing path is NOT_FOUND")
  void missingPathIsNotFound() {
    assertFails(op().read(p("missing.bin")), ErrorKind.NOT_FOUND);
  }

  @Test
  @DisplayName("reading below a missing parent is NOT_FOUND")
  void missingParentIsNotFound() {
    assertFails(op().read(p("no/such/parent/x.bin")), ErrorKind.NOT_FOUND);
  }

  @Test
  @DisplayName("reading a directory path (trailing /) is IS_A_DIRECTORY")
  void directoryPathIsADirectory() {
    put(p("d/x.bin"), bytes(3));
    assertFails(op().read(p("d/")), ErrorKind.IS_A_DIRECTORY);
  }

  @Test
  @DisplayName("reading a directory named without its trailing / is IS_A_DIRECTORY")
  void directoryWithoutSlashIsADirectory() {
    put(p("d/x.bin"), bytes(3));
    assertFails(op().read(p("d")), ErrorKind.IS_A_DIRECTORY);
  }

  @Test
  @DisplayName("reading the root is IS_A_DIRECTORY")
  void rootIsADirectory() {
    assertFails(op().read("/"), ErrorKind.IS_A_DIRECTORY);
  }

  @Test
  @DisplayName("a zero-length object reads empty, served bytes */0")
  void emptyObject() {
    put(p("empty"), new byte[0]);
    ReadResult r = readWithMeta(p("empty"), ReadOptions.defaults());
    assertThat(r.contentRange()).isEqualTo(ContentRange.unsatisfied(0));
    assertThat(r.meta().size()).isZero();
    assertThat(r.bodyBytes().block(TIMEOUT)).isEmpty();
  }

  @Test
  @DisplayName("readWithMeta reports the object's metadata and the whole served range")
  void readWithMetaReportsMetaAndRange() {
    byte[] content = bytes(1234);
    ObjectMeta written = put(p("m.bin"), content);
    ReadResult r = readWithMeta(p("m.bin"), ReadOptions.defaults());
    assertThat(r.contentRange()).isEqualTo(ContentRange.of(0, 1233, 1234));
    assertThat(r.contentRange().toHeader()).isEqualTo("bytes 0-1233/1234");
    assertThat(r.meta().path()).isEqualTo(p("m.bin"));
    assertThat(r.meta().size()).isEqualTo(1234);
    assertThat(r.meta().directory()).isFalse();
    assertThat(r.meta().etag()).isEqualTo(written.etag());
    assertThat(r.bodyBytes().block(TIMEOUT)).isEqualTo(content);
  }

  @Test
  @DisplayName("an object of many chunks reads back in order")
  void manyChunksInOrder() {
    byte[] content = bytes(3 * 1024 * 1024 + 17);
    put(p("big.bin"), content);
    List<ByteBuffer> buffers = op().read(p("big.bin")).collectList().block(TIMEOUT);
    assertThat(buffers).allSatisfy(b -> assertThat(b.remaining()).isPositive());
    assertThat(sha256(concat(buffers))).isEqualTo(sha256(content));
  }

  @Test
  @DisplayName("a one-byte object reads back")
  void oneByteObject() {
    put(p("one"), new byte[] {42});
    assertThat(get(p("one"))).containsExactly(42);
    assertThat(readWithMeta(p("one"), ReadOptions.defaults()).contentRange().toHeader()).isEqualTo("bytes 0-0/1");
  }

  @Test
  @DisplayName("if-match with the current ETag reads the object")
  void ifMatchCurrentEtag() {
    require(Capability.CONDITIONAL_READ);
    byte[] content = bytes(100);
    ObjectMeta m = put(p("c.bin"), content);
    assertThat(m.etag()).as("a store with conditional reads reports ETags").isNotNull();
    assertThat(collect(op().read(p("c.bin"), ReadOptions.defaults().withIfMatch(m.etag()))).block(TIMEOUT))
        .isEqualTo(content);
  }

  @Test
  @DisplayName("if-match with another ETag is CONDITION_NOT_MET")
  void ifMatchOtherEtag() {
    require(Capability.CONDITIONAL_READ);
    put(p("c.bin"), bytes(100));
    assertFails(op().read(p("c.bin"), ReadOptions.defaults().withIfMatch("\"not-the-etag\"")),
        ErrorKind.CONDITION_NOT_MET);
  }

  @Test
  @DisplayName("if-match with the ETag of an overwritten version is CONDITION_NOT_MET")
  void ifMatchStaleEtag() {
    require(Capability.CONDITIONAL_READ);
    ObjectMeta first = put(p("c.bin"), bytes(100, 1));
    ObjectMeta second = put(p("c.bin"), bytes(100, 2));
    assertThat(second.etag()).isNotEqualTo(first.etag());
    assertFails(op().read(p("c.bin"), ReadOptions.defaults().withIfMatch(first.etag())),
        ErrorKind.CONDITION_NOT_MET);
  }

  @Test
  @DisplayName("if-none-match with the current ETag is CONDITION_NOT_MET")
  void ifNoneMatchCurrentEtag() {
    require(Capability.CONDITIONAL_READ);
    ObjectMeta m = put(p("c.bin"), bytes(100));
    assertFails(op().read(p("c.bin"), ReadOptions.defaults().withIfNoneMatch(m.etag())),
        ErrorKind.CONDITION_NOT_MET);
  }

  @Test
  @DisplayName("if-none-match with another ETag reads the object")
  void ifNoneMatchOtherEtag() {
    require(Capability.CONDITIONAL_READ);
    byte[] content = bytes(100);
    put(p("c.bin"), content);
    assertThat(collect(op().read(p("c.bin"), ReadOptions.defaults().withIfNoneMatch("\"other\""))).block(TIMEOUT))
        .isEqualTo(content);
  }

  @Test
  @DisplayName("a conditional read of a missing object is NOT_FOUND")
  void conditionalReadOfMissing() {
    require(Capability.CONDITIONAL_READ);
    assertFails(op().read(p("nope"), ReadOptions.defaults().withIfMatch("\"x\"")), ErrorKind.NOT_FOUND);
  }

  @Test
  @DisplayName("the content type written is reported by the read")
  void readReportsContentType() {
    require(Capability.CONTENT_TYPE);
    put(p("t.txt"), bytes(5), WriteOptions.defaults().withContentType("text/plain"));
    assertThat(readWithMeta(p("t.txt"), ReadOptions.defaults()).meta().contentType()).isEqualTo("text/plain");
  }

  static byte[] concat(List<ByteBuffer> buffers) {
    int n = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
    ByteBuffer all = ByteBuffer.allocate(n);
    buffers.forEach(b -> all.put(b.duplicate()));
    return all.array();
  }

  /** Hashes a read with lent buffers inside onNext, as the lent contract asks, and checks the range. */
  private String lentHash(String path, ByteRange range, RangePolicy policy, ContentRange served) {
    MessageDigest md = sha256();
    ReadResult r = readWithMeta(path, ReadOptions.range(range).withPolicy(policy).withLentBuffers(true));
    assertThat(r.contentRange()).as("served range of %s", range).isEqualTo(served);
    r.body().doOnNext(md::update).blockLast(TIMEOUT);
    return hex(md.digest());
  }

  @Test
  @DisplayName("lent buffers: an object of many chunks reads back byte for byte, read after read")
  void lentReadsRepeated() {
    byte[] content = bytes(3 * 1024 * 1024 + 17);
    int n = content.length;
    put(p("lent.bin"), content);
    for (int i = 0; i < 3; i++) {
      assertThat(lentHash(p("lent.bin"), ByteRange.all(), RangePolicy.STRICT, ContentRange.of(0, n - 1, n)))
          .as("read %d", i).isEqualTo(sha256(content));
    }
  }

  @Test
  @DisplayName("lent buffers: ranges of an object of many chunks read back exactly, read after read")
  void lentRangesRepeated() {
    require(Capability.RANGE_READ);
    byte[] content = bytes(3 * 1024 * 1024 + 17);
    int n = content.length;
    int from = (1 << 20) - 5;
    int length = (2 << 20) + 10; // across two chunk boundaries
    put(p("lent.bin"), content);
    for (int i = 0; i < 2; i++) {
      assertThat(lentHash(p("lent.bin"), ByteRange.of(from, length), RangePolicy.STRICT,
          ContentRange.of(from, from + length - 1, n))).isEqualTo(sha256(slice(content, from, from + length)));
      assertThat(lentHash(p("lent.bin"), ByteRange.suffix(100), RangePolicy.STRICT,
          ContentRange.of(n - 100, n - 1, n))).isEqualTo(sha256(slice(content, n - 100, n)));
      assertThat(lentHash(p("lent.bin"), ByteRange.of(n - 10, 1000), RangePolicy.CLAMP,
          ContentRange.of(n - 10, n - 1, n))).isEqualTo(sha256(slice(content, n - 10, n)));
    }
  }

  @Test
  @DisplayName("lent buffers kept past onNext (collectList) hold obviously wrong bytes in paranoid mode; a copy is right")
  void paranoidModeCatchesLentBuffersKeptPastOnNext() {
    Assumptions.assumeTrue(LentBuffers.paranoid(),
        "the paranoid mode is off: run with -D" + LentBuffers.PARANOID_PROPERTY + "=true (rdal's own builds do)");
    byte[] content = bytes(3 * 1024 * 1024 + 17);
    put(p("lent.bin"), content);
    ReadOptions lent = ReadOptions.defaults().withLentBuffers(true);

    List<ByteBuffer> kept = op().read(p("lent.bin"), lent).collectList().block(TIMEOUT);
    assertThat(kept).isNotEmpty();
    if (!java.util.Arrays.equals(joined(kept), content)) {
      // the backend lent its buffers: what was kept is poison, never bytes that look plausible
      assertThat(kept).as("kept lent buffers").allMatch(LentBuffers::isPoisoned);
    }

    List<ByteBuffer> copied = op().read(p("lent.bin"), lent).map(Buffers::copy).collectList().block(TIMEOUT);
    assertThat(joined(copied)).isEqualTo(content);
  }

  private static byte[] joined(List<ByteBuffer> buffers) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (ByteBuffer b : buffers) {
      ByteBuffer d = b.duplicate();
      byte[] a = new byte[d.remaining()];
      d.get(a);
      out.writeBytes(a);
    }
    return out.toByteArray();
  }
}
