package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.Buffers;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Guarantee 2: every single read of a multi-chunk stream of a blocking backend runs on the policy's
 * threads, whoever subscribes and requests — a Reactor parallel worker or a Netty event loop — and the
 * file is opened and closed there too. Under external, the same calls from a non-blocking thread fail
 * fast and read nothing.
 */
class BlockingReadThreadsTest {

  private static final Duration T = Duration.ofSeconds(10);
  private static final int SIZE = 16 * RecordingFileBackend.CHUNK + 100; // 17 chunks
  private static EventLoops netty;
  private static Scheduler userIo;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    netty = new EventLoops("client-loop");
    userIo = Schedulers.newBoundedElastic(4, 100, "user-io");
  }

  @AfterAll
  static void stop() {
    netty.close();
    userIo.dispose();
  }

  static Stream<Arguments> policiesAndSubscribers() {
    Stream.Builder<Arguments> b = Stream.builder();
    Object[][] policies = {
        {ExecutionPolicy.global(), "rdal-global-\\d+"},
        {ExecutionPolicy.dedicated(2), "rdal-recfile-\\d+"},
        {null, "user-io-\\d+"}, // custom: made per test from the shared user scheduler
    };
    for (Object[] p : policies) {
      b.add(Arguments.of(p[0] == null ? "custom" : p[0].toString(), p[0], p[1], "parallel"));
      b.add(Arguments.of(p[0] == null ? "custom" : p[0].toString(), p[0], p[1], "netty"));
    }
    return b.build();
  }

  private static Scheduler subscriberScheduler(String which) {
    return which.equals("parallel") ? Schedulers.parallel() : netty.scheduler;
  }

  @ParameterizedTest(name = "{0}, subscriber on {3}")
  @MethodSource("policiesAndSubscribers")
  void everyReadOfAStreamRunsOnThePolicysThreadsOnTheWorkerThatOpenedIt(String name, ExecutionPolicy policy, String threads, String subscriber) {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    byte[] content = RecordingFileBackend.content(SIZE);
    backend.put("big", content);
    ExecutionPolicy p = policy != null ? policy : ExecutionPolicy.custom(userIo);
    try (Operator op = Operator.builder(backend).executionPolicy(p).build()) {
      Scheduler on = subscriberScheduler(subscriber);
      // subscribed from, and every chunk requested one at a time from, the subscriber's threads
      byte[] read = Buffers.collect(op.read("big").subscribeOn(on).publishOn(on, 1)).block(T);

      assertThat(read).isEqualTo(content);
      assertThat(backend.readThreads).hasSize(17).allSatisfy(t -> assertThat(t).matches(threads));
      assertThat(backend.openThreads).hasSize(1).allSatisfy(t -> assertThat(t).matches(threads));
      // each request hops back to the worker that opened the file, never to another one
      assertThat(backend.readThreads).containsOnly(backend.openThreads.get(0));
      assertThat(backend.closeThreads).hasSize(1).allSatisfy(t -> assertThat(t).matches(threads));
      assertThat(backend.openHandles).hasValue(0);
    }
  }

  @ParameterizedTest(name = "external, subscriber on {0}")
  @MethodSource("nonBlockingSubscribers")
  void externalFromANonBlockingThreadFailsFastAndReadsNothing(String subscriber) {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("big", RecordingFileBackend.content(SIZE));
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.external()).build()) {
      Scheduler on = subscriberScheduler(subscriber);
      assertThatThrownBy(() -> op.read("big").subscribeOn(on).blockLast(T))
          .isInstanceOf(RdalException.class)
          .satisfies(e -> assertThat(((RdalException) e).kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
          .hasMessageContaining("non-blocking thread")
          .hasMessageContaining("ExecutionPolicy.global()");
      assertThatThrownBy(() -> op.stat("big").subscribeOn(on).block(T))
          .isInstanceOf(RdalException.class).hasMessageContaining("external execution policy");
      assertThat(backend.readThreads).isEmpty();
      assertThat(backend.openThreads).isEmpty();
    }
  }

  @ParameterizedTest(name = "external, pulls from {0}")
  @MethodSource("nonBlockingSubscribers")
  void externalRefusesAPullFromANonBlockingThreadAfterAGoodStart(String subscriber) {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("big", RecordingFileBackend.content(SIZE));
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.external()).build()) {
      // subscribed on the test's own thread (allowed), but the second chunk is pulled from a non-blocking one
      Supplier<Flux<java.nio.ByteBuffer>> stream = () -> op.read("big").publishOn(subscriberScheduler(subscriber), 1);
      assertThatThrownBy(() -> stream.get().blockLast(T))
          .isInstanceOf(RdalException.class).hasMessageContaining("non-blocking thread");
      String me = Thread.currentThread().getName();
      assertThat(backend.readThreads).containsOnly(me); // the first read ran here; none on the loop
      assertThat(backend.openHandles).hasValue(0);
    }
  }

  static Stream<String> nonBlockingSubscribers() {
    return Stream.of("parallel", "netty");
  }

  @Test
  void externalFromAPlainThreadReadsOnTheCallersThread() {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    byte[] content = RecordingFileBackend.content(SIZE);
    backend.put("big", content);
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.external()).build()) {
      assertThat(Buffers.collect(op.read("big").limitRate(1)).block(T)).isEqualTo(content);
      assertThat(backend.readThreads).hasSize(17).containsOnly(Thread.currentThread().getName());
    }
  }

  @Test
  void blockingBackendsDefaultToGlobal() {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("big", RecordingFileBackend.content(SIZE));
    try (Operator op = Operator.builder(backend).build()) {
      assertThat(op.executionPolicy()).isEqualTo(ExecutionPolicy.global());
      op.read("big").subscribeOn(netty.scheduler).publishOn(Schedulers.parallel(), 1).blockLast(T);
      assertThat(backend.readThreads).allSatisfy(t -> assertThat(t).startsWith("rdal-global-"));
    }
  }

  @Test
  void positionalReadsRunOnThePolicysThreads() {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("big", RecordingFileBackend.content(SIZE));
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(1)).build()) {
      Integer n = op.openReader("big").subscribeOn(netty.scheduler)
          .flatMap(r -> r.read(10, java.nio.ByteBuffer.allocate(100)).doFinally(s -> r.close()))
          .block(T);
      assertThat(n).isEqualTo(100);
      assertThat(backend.readThreads).containsExactly("rdal-recfile-1");
      assertThat(backend.openThreads).containsExactly("rdal-recfile-1");
    }
  }
}
