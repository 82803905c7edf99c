package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.RdalException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.util.context.Context;

/** Metrics with a MeterRegistry bean, observations with an ObservationRegistry bean, nothing without. */
class ObservabilityTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class, RdalMetricsAutoConfiguration.class,
          RdalObservationAutoConfiguration.class));

  @Test
  void aMeterRegistryGetsTheOperationsOfEveryStoreTaggedByStore() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.b.uri=memory:")
        .run(context -> {
          MeterRegistry meters = context.getBean(MeterRegistry.class);
          Operator a = context.getBean("a", Operator.class);
          a.write("x", "hello".getBytes()).block(WAIT);
          a.readAllBytes("x").block(WAIT);
          context.getBean("b", Operator.class).exists("y").block(WAIT);
          assertThat(meters.get("rdal.operations").tags("store", "a", "operation", "write", "outcome", "success")
              .timer().count()).isEqualTo(1);
          assertThat(meters.get("rdal.bytes.read").tags("store", "a").counter().count()).isEqualTo(5);
          assertThat(meters.get("rdal.operations").tags("store", "b", "operation", "stat", "error", "NOT_FOUND")
              .timer().count()).isEqualTo(1);
          assertThat(meters.find("rdal.operations").tags("store", "b", "operation", "write").timer()).isNull();
        });
  }

  @Test
  void retriesAreCountedWhenRetryingIsOn() {
    FailingStat failing = new FailingStat(2, false);
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(OperatorCustomizer.class, () -> (store, builder) -> builder.layer(failing))
        .withPropertyValues("rdal.stores.r.uri=memory:", "rdal.stores.r.retry.enabled=true",
            "rdal.stores.r.retry.first-backoff=1ms", "rdal.stores.r.retry.max-backoff=2ms")
        .run(context -> {
          assertThat(context.getBean(Operator.class).exists("x").block(WAIT)).isFalse();
          assertThat(failing.stats()).isEqualTo(3);
          assertThat(context.getBean(MeterRegistry.class).get("rdal.retries").tags("store", "r").counter().count())
              .isEqualTo(2);
        });
  }

  @Test
  void withoutRetryingAFailureIsNotRetried() {
    FailingStat failing = new FailingStat(1, false);
    runner.withBean(OperatorCustomizer.class, () -> (store, builder) -> builder.layer(failing))
        .withPropertyValues("rdal.stores.r.uri=memory:", "rdal.stores.r.retry.max-retries=5")
        .run(context -> {
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getBean(Operator.class).exists("x").block(WAIT))
              .isInstanceOf(RdalException.class).hasMessageContaining("injected");
          assertThat(failing.stats()).isEqualTo(1);
        });
  }

  @Test
  void aDedicatedSchedulerReportsItsTasksTaggedByStore() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("rdal.stores.d.uri=memory:", "rdal.stores.d.policy=dedicated", "rdal.stores.d.threads=2")
        .run(context -> {
          Operator d = context.getBean(Operator.class);
          d.write("x", "hello".getBytes()).block(WAIT);
          assertThat(d.readAllBytes("x").block(WAIT)).hasSize(5);
          MeterRegistry meters = context.getBean(MeterRegistry.class);
          assertThat(meters.get("rdal.scheduler.tasks.submitted").tags("store", "d").counter().count()).isPositive();
        });
  }

  @Test
  void withoutAMeterRegistryThereAreNoMetrics() {
    runner.withPropertyValues("rdal.stores.a.uri=memory:").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean("rdalMetricsInstrumentation");
    });
  }

  @Test
  void withoutMicrometerTheStoresStillWork() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class, ObservationRegistry.class))
        .withPropertyValues("rdal.stores.a.uri=memory:")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(StoreInstrumentation.class);
          assertThat(context.getBean(Operator.class).exists("x").block(WAIT)).isFalse();
        });
  }

  @Test
  void aUserInstrumentationBeanOfTheSameNameWins() {
    StoreInstrumentation mine = store -> List.of();
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean("rdalMetricsInstrumentation", StoreInstrumentation.class, () -> mine)
        .withPropertyValues("rdal.stores.a.uri=memory:")
        .run(context -> {
          assertThat(context.getBean("rdalMetricsInstrumentation")).isSameAs(mine);
          context.getBean(Operator.class).exists("x").block(WAIT);
          assertThat(context.getBean(MeterRegistry.class).find("rdal.operations").timer()).isNull();
        });
  }

  @Test
  void anObservationRegistryGetsAnObservationPerOperationUnderTheCallersParent() {
    List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    runner.withBean(ObservationRegistry.class, () -> observations)
        .withPropertyValues("rdal.stores.a.uri=memory:")
        .run(context -> {
          Operator a = context.getBean(Operator.class);
          Observation parent = Observation.start("request", observations);
          a.write("x", "hello".getBytes()).contextWrite(Context.of(ObservationLayer.CONTEXT_KEY, parent)).block(WAIT);
          a.readAllBytes("x").block(WAIT);
          a.readAllBytes("missing").onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(WAIT);
          parent.stop();

          List<Observation.Context> ours = stopped.stream().filter(c -> ObservationLayer.NAME.equals(c.getName())).toList();
          assertThat(ours).extracting(c -> c.getLowCardinalityKeyValue("rdal.operation").getValue())
              .containsExactly("write", "read", "read");
          assertThat(ours).extracting(c -> c.getLowCardinalityKeyValue("rdal.outcome").getValue())
              .containsExactly("success", "success", "error");
          assertThat(ours).allSatisfy(c -> {
            assertThat(c.getLowCardinalityKeyValue("rdal.store").getValue()).isEqualTo("a");
            assertThat(c.getLowCardinalityKeyValue("rdal.backend").getValue()).isEqualTo("memory");
          });
          assertThat(ours.get(0).getParentObservation()).isSameAs(parent);
          assertThat(ours.get(0).getHighCardinalityKeyValue("rdal.path").getValue()).isEqualTo("x");
          assertThat(ours.get(2).getError()).isInstanceOf(RdalException.class);
        });
  }

  @Test
  void aNoopObservationRegistryAddsNoLayer() {
    runner.withBean(ObservationRegistry.class, () -> ObservationRegistry.NOOP)
        .withPropertyValues("rdal.stores.a.uri=memory:")
        .run(context -> assertThat(context.getBean("rdalObservationInstrumentation", StoreInstrumentation.class)
            .layers("a")).isEmpty());
  }
}
