package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Proves BlockHound is installed in this test JVM: a sleep on a non-blocking thread must be refused. */
class BlockHoundCanaryTest {

  @Test
  void blockingCallOnParallelSchedulerIsRefused() {
    Mono<String> blocking = Mono.fromCallable(() -> {
          Thread.sleep(1);
          return "";
        })
        .subscribeOn(Schedulers.parallel());
    assertThatThrownBy(() -> blocking.block(Duration.ofSeconds(10)))
        .hasMessageContaining("Blocking call");
  }
}
