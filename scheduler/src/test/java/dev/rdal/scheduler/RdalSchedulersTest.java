package dev.rdal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

class RdalSchedulersTest {

  @Test
  void globalIsOneSharedSchedulerOfDaemonThreadsNamedRdalGlobal() {
    Scheduler first = RdalSchedulers.global();
    assertThat(RdalSchedulers.global()).isSameAs(first);
    assertThat(RdalSchedulers.isGlobalCreated()).isTrue();
    Thread worker = Mono.fromCallable(Thread::currentThread).subscribeOn(first).block(Duration.ofSeconds(10));
    assertThat(worker.getName()).matches("rdal-global-\\d+");
    assertThat(worker.isDaemon()).isTrue();
  }

  @Test
  void configuringGlobalAfterItRunsFailsClearly() {
    RdalSchedulers.global();
    assertThatThrownBy(() -> RdalSchedulers.configureGlobal(SchedulerSpec.ofThreads(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running")
        .hasMessageContaining("before the first operator");
  }

  @Test
  void specFromSystemPropertiesReadsThreadsAndVirtualThreads() {
    Properties p = new Properties();
    assertThat(SchedulerSpec.fromProperties(p, "x", 7).threads()).isEqualTo(7);
    p.setProperty("x.threads", " 12 ");
    p.setProperty("x.virtualThreads", "false");
    SchedulerSpec spec = SchedulerSpec.fromProperties(p, "x", 7);
    assertThat(spec.threads()).isEqualTo(12);
    assertThat(spec.virtualThreads()).isFalse();
  }

  @Test
  void malformedSystemPropertiesNameTheProperty() {
    Properties p = new Properties();
    p.setProperty("x.threads", "many");
    assertThatThrownBy(() -> SchedulerSpec.fromProperties(p, "x", 7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.threads").hasMessageContaining("many");
    p.setProperty("x.threads", "0");
    assertThatThrownBy(() -> SchedulerSpec.fromProperties(p, "x", 7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("system property x.threads")
        .hasMessageContaining(">= 1").hasMessageContaining("'0'");
    p.setProperty("x.threads", "2");
    p.setProperty("x.virtualThreads", "maybe");
    assertThatThrownBy(() -> SchedulerSpec.fromProperties(p, "x", 7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.virtualThreads");
  }

  @Test
  void createdSchedulerIsBoundedAndNamed() {
    Scheduler s = RdalSchedulers.create("rdal-unit", SchedulerSpec.builder(2).queuedTaskCap(10).idleSeconds(5).build());
    try {
      Thread t = Mono.fromCallable(Thread::currentThread).subscribeOn(s).block(Duration.ofSeconds(10));
      assertThat(t.getName()).isEqualTo("rdal-unit-1");
      assertThat(t.isDaemon()).isTrue();
      assertThat(RdalSchedulers.isVirtual(t)).isFalse();
    } finally {
      s.dispose();
    }
    assertThat(s.isDisposed()).isTrue();
  }

  @Test
  void invalidSizesAreRefused() {
    assertThatThrownBy(() -> SchedulerSpec.ofThreads(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SchedulerSpec.builder(1).queuedTaskCap(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SchedulerSpec.builder(1).idleSeconds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExecutionPolicy.dedicated(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
