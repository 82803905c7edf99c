package dev.rdal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Proves BlockHound is installed in this module's test JVMs (JDK 17, and JDK 25 when present), and that
 * rdal's IO threads may block.
 */
@Tag("canary")
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

  @Test
  void blockingCallOnAnRdalSchedulerIsAllowed() {
    Scheduler io = RdalSchedulers.newBlockingScheduler("rdal-canary", 1);
    try {
      String thread = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return Thread.currentThread().getName();
          })
          .subscribeOn(io)
          .block(Duration.ofSeconds(10));
      assertThat(thread).isEqualTo("rdal-canary-1");
    } finally {
      io.dispose();
    }
  }
}
