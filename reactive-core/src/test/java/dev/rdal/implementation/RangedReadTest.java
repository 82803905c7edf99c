package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rdal.Buffers;
import dev.rdal.ByteRange;
import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RangePolicy;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.ReadRequest;
import dev.rdal.spi.Ranges;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retry-with-stat, policy enforcement and resume, against a memory backend behind a layer that misbehaves
 * the way remote stores do: it refuses ranges like S3 (416 without serving a truncated range), breaks
 * bodies off, serves too many bytes, or changes the object between attempts.
 */
class RangedReadTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final byte[] CONTENT = content(200_000);

  private final MemoryBackend memory = new MemoryBackend();

  private static byte[] content(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + i / 251);
    return b;
  }

  /** A backend whose reads pass through {@code bodies} (one function per read, in order; the last repeats). */
  private final class Faulty extends ForwardingBackend {
    final List<ReadRequest> requests = new CopyOnWriteArrayList<>();
    final List<UnaryOperator<ReadResult>> faults;
    final AtomicInteger reads = new AtomicInteger();

    @SafeVarargs
    Faulty(UnaryOperator<ReadResult>... faults) {
      super(memory);
      this.faults = List.of(faults);
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      requests.add(request);
      int i = Math.min(reads.getAndIncrement(), faults.size() - 1);
      return super.read(path, request).map(faults.get(i));
    }
  }

  private static UnaryOperator<ReadResult> healthy() {
    return r -> r;
  }

  /** Delivers the first {@code n} bytes of the body, then ends it (a dropped connection). */
  private static UnaryOperator<ReadResult> endsAfter(int n) {
    return r -> r.withBody(Buffers.collect(r.body())
        .flatMapMany(b -> Flux.just(ByteBuffer.wrap(b, 0, Math.min(n, b.length)).slice())));
  }

  /** Fails the body with a temporary error after {@code n} bytes. */
  private static UnaryOperator<ReadResult> breaksAfter(int n) {
    return r -> r.withBody(endsAfter(n).apply(r).body().concatWith(Flux.error(
        RdalException.builder(ErrorKind.UNEXPECTED, "connection reset").temporary(true).build())));
  }

  private Operator operator(Backend backend) {
    return Operator.builder(backend).build();
  }

  private byte[] read(Operator op, ReadOptions options) {
    return Buffers.collect(op.read("f", options)).block(TIMEOUT);
  }

  @Test
  void aBodyThatEndsEarlyIsResumedFromTheByteItReached() {
    Faulty faulty = new Faulty(endsAfter(70_000), healthy());
    try (Operator op = operator(faulty)) {
      op.write("f", CONTENT).block(TIMEOUT);
      assertThat(read(op, ReadOptions.defaults())).isEqualTo(CONTENT);
      assertThat(faulty.requests).hasSize(2);
      assertThat(faulty.requests.get(1).range()).isEqualTo(ByteRange.of(70_000, 130_000));
      assertThat(faulty.requests.get(1).ifMatch()).isNotNull();
    }
  }

  @Test
  void aRangeBodyThatBreaksTwiceIsResumedTwice() {
    Faulty faulty = new Faulty(breaksAfter(1000), breaksAfter(500), healthy());
    try (Operator op = operator(faulty)) {
      op.write("f", CONTENT).block(TIMEOUT);
      byte[] got = read(op, ReadOptions.range(ByteRange.of(10_000, 50_000)));
      assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(CONTENT, 10_000, 60_000));
      assertThat(faulty.requests).extracting(ReadRequest::range)
          .containsExactly(ByteRange.of(10_000, 50_000), ByteRange.of(11_000, 49_000), ByteRange.of(11_500, 48_500));
    }
  }

  @Test
  void resumingGivesUpAfterMaxResumes() {
    Faulty faulty = new Faulty(breaksAfter(10));
    try (Operator op = Operator.builder(faulty).maxResumes(2).build()) {
      op.write("f", CONTENT).block(TIMEOUT);
      Throwable t = catchThrowable(() -> read(op, ReadOptions.defaults()));
      assertThat(t).isInstanceOfSatisfying(RdalException.class, e -> {
        assertThat(e.isTemporary()).isTrue();
        assertThat(e.path()).as("the error names the path").isEqualTo("f");
      });
      assertThat(faulty.requests).hasSize(3);
    }
  }

  @Test
  void withoutResumesAShortBodyIsAnErrorNotASilentlyShortRead() {
    try (Operator op = Operator.builder(new Faulty(endsAfter(1000))).maxResumes(0).build()) {
      op.write("f", CONTENT).block(TIMEOUT);
      Throwable t = catchThrowable(() -> read(op, ReadOptions.defaults()));
      assertThat(t).isInstanceOfSatisfying(RdalException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED);
        assertThat(e.getMessage()).contains("1000 of 200000");
      });
    }
  }

  @Test
  void anObjectChangedBeforeTheResumeIsConditionNotMet() {
    AtomicInteger calls = new AtomicInteger();
    Faulty faulty = new Faulty(r -> {
      calls.incrementAndGet();
      // the object is overwritten while the first body is in flight
      memory.write("f", Flux.just(ByteBuffer.wrap(content(200_000 + 1))), dev.rdal.WriteOptions.defaults())
          .block(TIMEOUT);
      return endsAfter(1000).apply(r);
    }, healthy());
    try (Operator op = operator(faulty)) {
      op.write("f", CONTENT).block(TIMEOUT);
      Throwable t = catchThrowable(() -> read(op, ReadOptions.defaults()));
      assertThat(t).isInstanceOfSatisfying(RdalException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONDITION_NOT_MET));
    }
  }

  @Test
  void aBodyLongerThanItsContentRangeIsAnError() {
    Faulty faulty = new Faulty(r -> r.withBody(r.body().concatWith(Flux.just(ByteBuffer.wrap(new byte[] {1, 2})))));
    try (Operator op = operator(faulty)) {
      op.write("f", CONTENT).block(TIMEOUT);
      Throwable t = catchThrowable(() -> read(op, ReadOptions.range(ByteRange.of(0, 100))));
      assertThat(t).isInstanceOfSatisfying(RdalException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED));
    }
  }

  /** Refuses every range whose end passes the object's end, without the size, as S3 does for some. */
  private final class RefusesLikeS3 extends ForwardingBackend {
    final AtomicInteger stats = new AtomicInteger();

    RefusesLikeS3() {
      super(memory);
    }

    @Override
    public Mono<ReadResult> read(String path, ReadRequest request) {
      return memory.stat(path).flatMap(m -> {
        ByteRange r = request.range();
        boolean tooFar = !r.isAll() && !r.isSuffix() && r.offset() >= m.size() && r.length() != 0;
        if (tooFar) {
          return Mono.error(RdalException.builder(ErrorKind.RANGE_NOT_SATISFIABLE, "InvalidRange").build());
        }
        return memory.read(path, request);
      });
    }

    @Override
    public Mono<dev.rdal.ObjectMeta> stat(String path) {
      stats.incrementAndGet();
      return super.stat(path);
    }
  }

  @Test
  void aRefusedRangeIsHealedWithAStatUnderClamp() {
    RefusesLikeS3 s3 = new RefusesLikeS3();
    try (Operator op = operator(s3)) {
      op.write("f", CONTENT).block(TIMEOUT);
      ReadResult r = op.readWithMeta("f", ReadOptions.range(ByteRange.of(500_000, 10)).withPolicy(RangePolicy.CLAMP))
          .block(TIMEOUT);
      assertThat(r.contentRange()).isEqualTo(ContentRange.unsatisfied(CONTENT.length));
      assertThat(r.bodyBytes().block(TIMEOUT)).isEmpty();
      assertThat(s3.stats).hasPositiveValue();
    }
  }

  @Test
  void aRefusedRangeFailsWithTheSizeUnderStrict() {
    try (Operator op = operator(new RefusesLikeS3())) {
      op.write("f", CONTENT).block(TIMEOUT);
      Throwable t = catchThrowable(() -> read(op, ReadOptions.range(ByteRange.from(300_000))));
      assertThat(t).isInstanceOfSatisfying(RdalException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.RANGE_NOT_SATISFIABLE);
        assertThat(e.objectSize()).hasValue(CONTENT.length);
      });
    }
  }

  /** Serves a range that runs past the end truncated, as HTTP stores do; STRICT must still refuse it. */
  @Test
  void aTruncatedRangeIsRefusedUnderStrictAndItsBodyReleased() {
    try (Operator op = operator(new Faulty(healthy()))) {
      op.write("f", CONTENT).block(TIMEOUT);
      long before = memory.openHandles();
      Throwable t = catchThrowable(() -> read(op, ReadOptions.range(ByteRange.of(199_000, 5000))));
      assertThat(t).isInstanceOfSatisfying(RdalException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.RANGE_NOT_SATISFIABLE));
      assertThat(memory.openHandles()).isEqualTo(before);
      assertThat(Ranges.clamp(ByteRange.of(199_000, 5000), CONTENT.length).length()).isEqualTo(1000);
    }
  }
}
