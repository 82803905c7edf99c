package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import org.junit.jupiter.api.Assumptions;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Closing: calls after close fail clearly, close is idempotent, closes open readers and stops every thread
 * the operator started.
 */
abstract class LifecycleCases extends KitCases {

  LifecycleCases(BehaviorKit kit) {
    super(kit);
  }

  @Test
  @DisplayName("every call after close fails with a clear error")
  void callsAfterClose() throws Exception {
    Operator own = kit.newOperator();
    own.close();
    assertThat(own.isClosed()).isTrue();
    List<RdalException> errors = List.of(
        error(own.read(p("f"))), error(own.write(p("f"), bytes(1))), error(own.stat(p("f"))),
        error(own.list(dir)), error(own.delete(p("f"))), error(own.createDir(p("d/"))),
        error(own.deleteAll(Flux.just(p("f")))), error(own.openReader(p("f"))),
        error(own.copy(p("f"), p("g"))), error(own.rename(p("f"), p("g"))), error(own.exists(p("f"))));
    assertThat(errors).allSatisfy(e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED);
      assertThat(e.getMessage()).contains("closed");
    });
  }

  @Test
  @DisplayName("close is idempotent, synchronously and asynchronously")
  void closeIsIdempotent() throws Exception {
    Operator own = kit.newOperator();
    own.close();
    own.close();
    own.closeAsync().block(TIMEOUT);
    assertThat(own.isClosed()).isTrue();
  }

  @Test
  @DisplayName("closing the operator closes its open positional readers")
  void closeClosesReaders() throws Exception {
    Operator own = kit.newOperator();
    Assumptions.assumeTrue(own.capabilities().has(Capability.POSITIONAL_READ),
        () -> "backend '" + own.scheme() + "' lacks capability " + Capability.POSITIONAL_READ);
    own.write(p("f"), bytes(100)).block(TIMEOUT);
    PositionalReader reader = own.openReader(p("f")).block(TIMEOUT);
    assertThat(reader.read(0, ByteBuffer.allocate(10)).block(TIMEOUT)).isEqualTo(10);
    own.delete(p("f")).block(TIMEOUT);
    own.close();
    assertFails(reader.read(0, ByteBuffer.allocate(10)), ErrorKind.UNEXPECTED);
  }

  @Test
  @DisplayName("closing the operator stops every thread it started")
  void closeStopsItsThreads() throws Exception {
    require(Capability.WRITE, Capability.READ, Capability.LIST, Capability.DELETE);
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    Operator own = kit.newOperator();
    own.write(p("t"), bytes(10)).block(TIMEOUT);
    assertThat(own.readAllBytes(p("t")).block(TIMEOUT)).hasSize(10);
    own.list(dir).collectList().block(TIMEOUT);
    own.delete(p("t")).block(TIMEOUT);
    own.close();
    List<Thread> started = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && !kit.isSharedThread(t)).toList();
    for (Thread t : started) {
      t.join(TIMEOUT.toMillis()); // a closed pool's threads end on their own; joining waits for that, no longer
    }
    assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName).toList())
        .as("threads started while the operator was open and still alive after close").isEmpty();
  }

  @Test
  @DisplayName("the operator reports its scheme and capabilities, and its toString names the backend")
  void describesItself() {
    assertThat(op().scheme()).isNotBlank();
    assertThat(op().capabilities().has(Capability.READ)).isTrue();
    assertThat(op().toString()).contains("Operator");
  }
}
