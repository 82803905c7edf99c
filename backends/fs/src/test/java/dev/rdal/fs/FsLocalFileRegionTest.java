package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.LocalFileRegion;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.layers.Layers;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served range as a local file region: fixed to the version read, gone once closed. */
class FsLocalFileRegionTest {

  @TempDir
  Path root;

  private Operator op;

  @BeforeEach
  void open() {
    op = FsTestSupport.operator(FsOptions.of(root), ExecutionPolicy.dedicated(1));
  }

  @AfterEach
  void close() {
    op.close();
  }

  @Test
  void regionNamesTheVersionReadAndOutlivesAReplace() throws Exception {
    op.write("a.txt", "0123456789".getBytes(StandardCharsets.UTF_8)).block(TIMEOUT);
    ReadResult r = op.readWithMeta("a.txt", ReadOptions.range(ByteRange.of(2, 5))).block(TIMEOUT);
    r.discard();
    LocalFileRegion region = op.localFileRegion("a.txt", r).block(TIMEOUT);
    assertThat(region).isNotNull();
    assertThat(region.position()).isEqualTo(2);
    assertThat(region.count()).isEqualTo(5);
    assertThat(r.contentRange()).isEqualTo(ContentRange.of(2, 6, 10));

    op.write("a.txt", "abcdefghijklmnop".getBytes(StandardCharsets.UTF_8)).block(TIMEOUT);
    assertThat(Files.readString(region.file())).isEqualTo("0123456789");
    assertThat(op.list("/").map(m -> m.path()).collectList().block(TIMEOUT)).containsExactly("a.txt");

    region.close();
    region.close();
    assertThat(region.file()).doesNotExist();
    assertThat(entries()).containsExactly("a.txt");
  }

  @Test
  void noRegionWhenTheFileWasReplacedSinceTheRead() throws Exception {
    op.write("a.txt", "0123456789".getBytes(StandardCharsets.UTF_8)).block(TIMEOUT);
    ReadResult r = op.readWithMeta("a.txt", ReadOptions.defaults()).block(TIMEOUT);
    r.discard();
    op.write("a.txt", "other bytes".getBytes(StandardCharsets.UTF_8)).block(TIMEOUT);
    assertThat(op.localFileRegion("a.txt", r).blockOptional(TIMEOUT)).isEmpty();
    op.delete("a.txt").block(TIMEOUT);
    assertThat(op.localFileRegion("a.txt", r).blockOptional(TIMEOUT)).isEmpty();
    assertThat(entries()).isEmpty();
  }

  @Test
  void noRegionForAnEmptyRangeNorUnderALayerThatPacesBytes() throws Exception {
    op.write("empty", new byte[0]).block(TIMEOUT);
    ReadResult r = op.readWithMeta("empty", ReadOptions.defaults()).block(TIMEOUT);
    r.discard();
    assertThat(op.localFileRegion("empty", r).blockOptional(TIMEOUT)).isEmpty();

    try (Operator throttled = Operator.builder("fs").config("root", root.toString())
        .layer(Layers.throttle(1L << 30)).build()) {
      throttled.write("b", new byte[] {1, 2, 3}).block(TIMEOUT);
      ReadResult rb = throttled.readWithMeta("b", ReadOptions.defaults()).block(TIMEOUT);
      rb.discard();
      assertThat(throttled.localFileRegion("b", rb).blockOptional(TIMEOUT)).isEmpty();
    }
  }

  private String[] entries() throws Exception {
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }
}
