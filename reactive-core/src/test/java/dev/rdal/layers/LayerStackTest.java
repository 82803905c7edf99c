package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Buffers;
import dev.rdal.ByteRange;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.PositionalReader;
import dev.rdal.RangePolicy;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.spi.ReadRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Every layer at once over the memory backend: without faults it changes nothing; with faults and retries, no byte is wrong. */
class LayerStackTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static Flux<ByteBuffer> chunks(byte[] content, int chunk) {
    return Flux.range(0, (content.length + chunk - 1) / chunk)
        .map(i -> ByteBuffer.wrap(content, i * chunk, Math.min(chunk, content.length - i * chunk)).slice());
  }

  @Test
  void withoutFaultsTheStackChangesNothing() {
    MemoryBackend memory = new MemoryBackend();
    try (Operator op = Stacks.fullStack(memory, registry, Stacks.noFaults(), Stacks.patientRetries()).build()) {
      assertThat(op.capabilities()).isEqualTo(memory.capabilities());
      byte[] content = ScriptedBackend.bytes(3 * MemoryBackend.CHUNK_SIZE + 1, 1);
      ObjectMeta m = op.write("d/a.bin", chunks(content, 10_000)).block(WAIT);
      assertThat(m.size()).isEqualTo(content.length);
      assertThat(op.readAllBytes("d/a.bin").block(WAIT)).isEqualTo(content);
      ReadResult r = op.readWithMeta("d/a.bin", ReadOptions.range(ByteRange.of(100, 1 << 20)).withPolicy(RangePolicy.CLAMP)).block(WAIT);
      assertThat(r.contentRange().first()).isEqualTo(100);
      assertThat(r.bodyBytes().block(WAIT)).isEqualTo(Arrays.copyOfRange(content, 100, content.length));
      op.write("d/b.txt", new byte[] {1, 2}, WriteOptions.defaults().withAppend(true)).block(WAIT);
      op.copy("d/b.txt", "d/c.txt").block(WAIT);
      op.rename("d/c.txt", "e/c.txt").block(WAIT);
      op.createDir("f/").block(WAIT);
      assertThat(op.list("/", ListOptions.recursively()).map(ObjectMeta::path).collectList().block(WAIT))
          .containsExactly("d/", "d/a.bin", "d/b.txt", "e/", "e/c.txt", "f/");
      PositionalReader reader = op.openReader("d/a.bin").block(WAIT);
      ByteBuffer dst = ByteBuffer.allocate(10);
      assertThat(reader.read(5, dst).block(WAIT)).isEqualTo(10);
      reader.close();
      assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(content, 5, 15));
      assertThat(op.deleteAll(Flux.just("d/b.txt", "e/c.txt")).filter(x -> !x.isOk()).count().block(WAIT)).isZero();
      op.deleteRecursive("d/").block(WAIT);
      assertThat(op.exists("d/a.bin").block(WAIT)).isFalse();
    }
    assertThat(registry.get(MetricsLayer.OPERATIONS).timers()).isNotEmpty();
    assertThat(registry.find(MetricsLayer.RETRIES).counters()).isEmpty();
  }

  @Test
  void withFaultsAndRetriesEveryReadIsExactAndEveryWriteAllOrNothing() {
    MemoryBackend memory = new MemoryBackend();
    Random random = new Random(7);
    int writeFailures = 0;
    // one retry only, so that some writes do fail and we can check they left nothing
    RetryPolicy fewRetries = Stacks.patientRetries().withMaxRetries(1);
    try (Operator op = Stacks.fullStack(memory, registry, Stacks.faults(99), fewRetries).build();
        Operator reliable = Stacks.fullStack(memory, registry, Stacks.faults(100), Stacks.patientRetries()).build()) {
      for (int i = 0; i < 120; i++) {
        String path = "o/" + i;
        byte[] content = ScriptedBackend.bytes(random.nextInt(300_000), i);
        Mono<ObjectMeta> write = i % 2 == 0
            ? op.write(path, content)
            : op.write(path, chunks(content, 1 + random.nextInt(70_000)));
        boolean ok = write.map(m -> true).onErrorResume(RdalException.class, e -> Mono.just(false)).block(WAIT);
        if (!ok) {
          writeFailures++;
          assertThat(memory.stat(path).map(m -> "present").onErrorResume(e -> Mono.just("absent")).block(WAIT))
              .as("a failed write left nothing").isEqualTo("absent");
          continue;
        }
        assertThat(memory.read(path, ReadRequest.all()).flatMap(ReadResult::bodyBytes).block(WAIT))
            .as("a completed write stored exactly its bytes").isEqualTo(content);
        assertThat(reliable.readAllBytes(path).block(WAIT)).as("read of " + path).isEqualTo(content);
        if (content.length > 10) {
          long from = random.nextInt(content.length - 1);
          long len = 1 + random.nextInt((int) (content.length - from));
          byte[] range = Buffers.collect(reliable.read(path, ByteRange.of(from, len))).block(WAIT);
          assertThat(range).isEqualTo(Arrays.copyOfRange(content, (int) from, (int) (from + len)));
        }
      }
    }
    assertThat(writeFailures).as("with one retry some writes fail").isPositive();
    double retries = registry.get(MetricsLayer.RETRIES).counters().stream().mapToDouble(c -> c.count()).sum();
    assertThat(retries).isPositive();
  }

  @Test
  void withFaultsAnOverwriteThatFailsKeepsTheOldContent() {
    MemoryBackend memory = new MemoryBackend();
    byte[] old = ScriptedBackend.bytes(1000, 1);
    memory.write("f", Buffers.of(old), WriteOptions.defaults()).block(WAIT);
    FaultPolicy alwaysCut = FaultPolicy.none(3).withCutRate(1).withCutWithin(50_000);
    try (Operator op = Stacks.fullStack(memory, registry, alwaysCut, Stacks.patientRetries().withMaxRetries(2)).build()) {
      for (int i = 0; i < 10; i++) {
        RdalException e = op.write("f", chunks(ScriptedBackend.bytes(200_000, i), 8192))
            .then(Mono.<RdalException>empty())
            .onErrorResume(RdalException.class, Mono::just)
            .block(WAIT);
        assertThat(e).isNotNull();
        assertThat(e.isTemporary()).isTrue();
        assertThat(memory.read("f", ReadRequest.all()).flatMap(ReadResult::bodyBytes).block(WAIT)).isEqualTo(old);
      }
      StepVerifier.create(op.stat("missing"))
          .expectErrorSatisfies(x -> assertThat(RdalException.isKind(x, ErrorKind.NOT_FOUND)).isTrue())
          .verify(WAIT);
    }
  }
}
