package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** A body cancelled before its hop subscribed it still reaches its source, once, so the source releases. */
class EarlyCancelReleaseTest {

  private final Scheduler io = Schedulers.newBoundedElastic(2, 100, "early-cancel");

  @AfterEach
  void dispose() {
    io.dispose();
  }

  @Test
  void cancelBeforeTheHopSubscribesStillReleasesTheSourceOnce() throws Exception {
    for (int i = 0; i < 200; i++) {
      AtomicInteger subscriptions = new AtomicInteger();
      CountDownLatch released = new CountDownLatch(1);
      Flux<Integer> source = Flux.range(0, 10)
          .doOnSubscribe(s -> subscriptions.incrementAndGet())
          .doOnCancel(released::countDown);
      EarlyCancelRelease.subscribeOn(source, io).subscribe(new BaseSubscriber<Integer>() {
        @Override
        protected void hookOnSubscribe(Subscription s) {
          s.cancel();
        }
      });
      assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(subscriptions.get()).isEqualTo(1);
    }
  }

  @Test
  void otherwiseItIsSubscribeOnWithRequestsOnTheWorker() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Flux<Integer> source = Flux.range(0, 100).doOnRequest(n -> threads.add(Thread.currentThread().getName()));
    assertThat(EarlyCancelRelease.subscribeOn(source, io).limitRate(1).collectList().block(Duration.ofSeconds(10)))
        .hasSize(100);
    assertThat(threads).isNotEmpty().allMatch(t -> t.startsWith("early-cancel"));
  }
}
