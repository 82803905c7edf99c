package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Guarantee 3: chunks of a network client (emitted on its Netty event loop) reach user code off that
 * loop unless the policy asks otherwise, so a subscriber that blocks cannot stall another stream served
 * by the same loop.
 */
class DeliveryTest {

  private static final Duration T = Duration.ofSeconds(10);
  private static EventLoops netty;
  private static Scheduler userScheduler;

  @BeforeAll
  static void start() {
    netty = new EventLoops("sdk-loop");
    userScheduler = Schedulers.newBoundedElastic(4, 100, "user-app");
  }

  @AfterAll
  static void stop() {
    netty.close();
    userScheduler.dispose();
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of("default (external)", null, "rdal-global-\\d+"),
        Arguments.of("global", ExecutionPolicy.global(), "rdal-global-\\d+"),
        // a blocked subscriber holds one delivery thread; the scheduler needs a thread to spare for b
        Arguments.of("dedicated", ExecutionPolicy.dedicated(4), "rdal-loop-\\d+"),
        Arguments.of("custom", "custom", "user-app-\\d+"));
  }

  private static Operator operator(EventLoopBackend backend, Object policy) {
    Operator.Builder b = Operator.builder(backend);
    if (policy instanceof ExecutionPolicy) {
      b.executionPolicy((ExecutionPolicy) policy);
    } else if ("custom".equals(policy)) {
      b.executionPolicy(ExecutionPolicy.custom(userScheduler));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void aSubscriberThatBlocksDoesNotStallAnotherStreamOfTheSameLoop(String name, Object policy, String deliveryThreads)
      throws Exception {
    EventLoopBackend backend = new EventLoopBackend(netty.loop);
    backend.put("a", new byte[4 * EventLoopBackend.CHUNK]);
    backend.put("b", new byte[4 * EventLoopBackend.CHUNK]);
    try (Operator op = operator(backend, policy)) {
      CountDownLatch aIsBlocking = new CountDownLatch(1);
      CountDownLatch bDone = new CountDownLatch(1);
      AtomicBoolean bFinishedWhileABlocked = new AtomicBoolean();
      List<String> aThreads = new CopyOnWriteArrayList<>();
      AtomicReference<Throwable> aError = new AtomicReference<>();
      CountDownLatch aDone = new CountDownLatch(1);

      op.read("a").subscribe(chunk -> {
        aThreads.add(Thread.currentThread().getName());
        if (aThreads.size() == 1) {
          aIsBlocking.countDown();
          // a blocking subscriber (allowed on the delivery thread): waits until stream b is fully served
          bFinishedWhileABlocked.set(await(bDone));
        }
      }, e -> {
        aError.set(e);
        aDone.countDown();
      }, aDone::countDown);

      assertThat(aIsBlocking.await(10, TimeUnit.SECONDS)).isTrue();
      Long bChunks = op.read("b").count().block(T); // the loop must still serve b while a blocks
      bDone.countDown();

      assertThat(aDone.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(aError.get()).isNull();
      assertThat(bChunks).isEqualTo(4);
      assertThat(bFinishedWhileABlocked).isTrue();
      assertThat(aThreads).hasSize(4).allSatisfy(t -> assertThat(t).matches(deliveryThreads));
      assertThat(backend.emitThreads).allSatisfy(t -> assertThat(t).startsWith("sdk-loop-"));
    }
  }

  @Test
  void deliverOnClientThreadHandsChunksOnTheLoopWithNoHop() {
    EventLoopBackend backend = new EventLoopBackend(netty.loop);
    backend.put("a", new byte[3 * EventLoopBackend.CHUNK]);
    try (Operator op = Operator.builder(backend)
        .executionPolicy(ExecutionPolicy.external().deliverOnClientThread()).build()) {
      List<String> threads = op.read("a").map(b -> Thread.currentThread().getName()).collectList().block(T);
      assertThat(threads).hasSize(3).allSatisfy(t -> assertThat(t).startsWith("sdk-loop-"));
      String statThread = op.stat("a").map(m -> Thread.currentThread().getName()).block(T);
      assertThat(statThread).startsWith("sdk-loop-");
    }
  }

  @Test
  void resultsOfNonStreamingCallsAreAlsoHandedOffTheLoop() {
    EventLoopBackend backend = new EventLoopBackend(netty.loop);
    backend.put("a", new byte[10]);
    try (Operator op = Operator.builder(backend).build()) {
      String statThread = op.stat("a").map(m -> Thread.currentThread().getName()).block(T);
      assertThat(statThread).startsWith("rdal-global-");
    }
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

}
