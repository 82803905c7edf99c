package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.SchedulerSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the operator picks and applies its policy: defaults, configuration errors, metrics end to end. */
class ExecutionPolicyWiringTest {

  private static final Duration T = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void defaultsAreGlobalForBlockingAndExternalForNonBlockingBackends() {
    try (Operator blocking = Operator.builder(new RecordingFileBackend(dir)).build();
        Operator nonBlocking = Operator.builder(new MemoryBackend()).build()) {
      assertThat(blocking.executionPolicy()).isEqualTo(ExecutionPolicy.global());
      assertThat(nonBlocking.executionPolicy()).isEqualTo(ExecutionPolicy.external());
    }
  }

  @Test
  void memoryBackendUnderExternalStillHandsChunksToUserCodeOnRdalThreads() {
    try (Operator op = Operator.builder(new MemoryBackend()).build()) {
      op.write("f", new byte[3 * MemoryBackend.CHUNK_SIZE]).block(T);
      assertThat(op.read("f").map(b -> Thread.currentThread().getName()).collectList().block(T))
          .hasSize(3).allSatisfy(t -> assertThat(t).startsWith("rdal-global-"));
    }
  }

  @Test
  void aPolicyThatCannotBeResolvedIsAConfigError() {
    assertThatThrownBy(() -> ExecutionLayer.scopeFor(ExecutionPolicy.dedicated(1), "no spaces allowed"))
        .isInstanceOf(RdalException.class)
        .satisfies(e -> assertThat(((RdalException) e).kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
        .hasMessageContaining("cannot name threads");
  }

  @Test
  void dedicatedSchedulerMetricsCountTheOperatorsIoTasks() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("f", RecordingFileBackend.content(4 * RecordingFileBackend.CHUNK));
    try (Operator op = Operator.builder(backend)
        .executionPolicy(ExecutionPolicy.dedicated(SchedulerSpec.builder(2).meterRegistry(registry).build()))
        .build()) {
      assertThat(op.readAllBytes("f").block(T)).hasSize(4 * RecordingFileBackend.CHUNK);
    } // closing waits for the scheduler's threads to end, so every task has recorded its time
    double submitted = registry.get("rdal.scheduler.tasks.submitted").tag("name", "rdal-recfile").counter().count();
    long completed = registry.get("rdal.scheduler.tasks.completed").tag("name", "rdal-recfile").timer().count();
    assertThat(submitted).isGreaterThanOrEqualTo(2); // at least the call and the body's subscription
    assertThat(completed).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aBlockingBackendRefusesACustomSchedulerWhoseThreadsMustNotBlock() {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("f", RecordingFileBackend.content(10));
    try (Operator op = Operator.builder(backend)
        .executionPolicy(ExecutionPolicy.custom(reactor.core.scheduler.Schedulers.parallel())).build()) {
      assertThatThrownBy(() -> op.readAllBytes("f").block(T))
          .isInstanceOf(RdalException.class)
          .satisfies(e -> assertThat(((RdalException) e).kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
          .hasMessageContaining("must not block").hasMessageContaining("boundedElastic");
      assertThatThrownBy(() -> op.write("g", new byte[10]).block(T))
          .isInstanceOf(RdalException.class).hasMessageContaining("must not block");
      assertThat(backend.readThreads).isEmpty();
      assertThat(backend.openHandles).hasValue(0);
    }
  }
}
