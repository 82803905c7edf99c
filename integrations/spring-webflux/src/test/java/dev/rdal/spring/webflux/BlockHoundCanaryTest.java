package dev.rdal.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Proves BlockHound and the recording leak detector are installed in this test JVM. */
class BlockHoundCanaryTest {

  @Test
  void blockingCallOnParallelSchedulerIsRefused() {
    Mono<String> blocking = Mono.fromCallable(() -> {
          Thread.sleep(1);
          return "";
        })
        .subscribeOn(Schedulers.parallel());
    assertThatThrownBy(() -> blocking.block(Duration.ofSeconds(10))).hasMessageContaining("Blocking call");
  }

  @Test
  void leakDetectorIsParanoidAndRecording() {
    assertThat(io.netty.util.ResourceLeakDetector.getLevel()).isEqualTo(io.netty.util.ResourceLeakDetector.Level.PARANOID);
    assertThat(RecordingLeakDetector.installed()).isTrue();
  }
}
