package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.spi.Backend;
import dev.rdal.spi.ForwardingBackend;
import dev.rdal.spi.Layer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The layers of properties act on the store: concurrency limit, timeout, logging. */
class LayerPropertiesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class));

  /** Stats wait at a gate until released, counting how many reached the store. */
  private static final class Gate implements Layer {
    final Sinks.Empty<Void> open = Sinks.empty();
    final AtomicInteger entered = new AtomicInteger();
    final CountDownLatch first = new CountDownLatch(1);
    final CountDownLatch second = new CountDownLatch(2);

    @Override
    public Backend wrap(Backend inner) {
      return new ForwardingBackend(inner) {
        @Override
        public Mono<ObjectMeta> stat(String path) {
          return Mono.defer(() -> {
            entered.incrementAndGet();
            first.countDown();
            second.countDown();
            return open.asMono().then(super.stat(path));
          });
        }
      };
    }
  }

  @Test
  void theConcurrencyLimitHoldsTheSecondCallUntilTheFirstEnds() throws Exception {
    Gate gate = new Gate();
    runner.withBean(OperatorCustomizer.class, () -> (store, builder) -> builder.layer(gate))
        .withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.a.concurrency-limit=1")
        .run(context -> {
          Operator a = context.getBean(Operator.class);
          Disposable first = a.exists("x").subscribe();
          assertThat(gate.first.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
          Disposable second = a.exists("y").subscribe();
          // the second call waits in line for the first one's permit: it cannot have reached the store
          assertThat(gate.entered.get()).isEqualTo(1);
          gate.open.tryEmitEmpty();
          assertThat(gate.second.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
          assertThat(gate.entered.get()).isEqualTo(2);
          first.dispose();
          second.dispose();
        });
  }

  @Test
  void withoutALimitBothCallsReachTheStore() {
    Gate gate = new Gate();
    runner.withBean(OperatorCustomizer.class, () -> (store, builder) -> builder.layer(gate))
        .withPropertyValues("rdal.stores.a.uri=memory:")
        .run(context -> {
          Operator a = context.getBean(Operator.class);
          Disposable first = a.exists("x").subscribe();
          Disposable second = a.exists("y").subscribe();
          assertThat(gate.second.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
          first.dispose();
          second.dispose();
        });
  }

  @Test
  void theDeadlineEndsACallThatNeverAnswers() {
    runner.withBean(OperatorCustomizer.class, () -> (store, builder) -> builder.layer(new Gate()))
        .withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.a.timeout.deadline=100ms")
        .run(context -> org.assertj.core.api.Assertions
            .assertThatThrownBy(() -> context.getBean(Operator.class).stat("x").block(WAIT))
            .isInstanceOf(RdalException.class)
            .satisfies(e -> assertThat(((RdalException) e).isTemporary()).isTrue()));
  }

  @Test
  void loggingAndThrottleBuildAWorkingStore() {
    runner.withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.a.logging=true", "rdal.stores.a.throttle=10MB")
        .run(context -> {
          Operator a = context.getBean(Operator.class);
          a.write("x", "hello".getBytes()).block(WAIT);
          assertThat(a.readAllBytes("x").block(WAIT)).hasSize(5);
        });
  }
}
