package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A reactive health indicator per store, cheap and bounded in time. */
class HealthTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class, RdalHealthAutoConfiguration.class));

  private static Health health(CompositeReactiveHealthContributor all, String store) {
    return ((ReactiveHealthIndicator) all.getContributor(store)).health().block(WAIT);
  }

  @Test
  void eachStoreIsUpWithItsBackendAndPolicy(@TempDir Path dir) {
    runner.withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.f.uri=fs://" + dir.toUri().getPath())
        .run(context -> {
          CompositeReactiveHealthContributor all = context.getBean("rdalHealthContributor", CompositeReactiveHealthContributor.class);
          Health a = health(all, "a");
          assertThat(a.getStatus()).isEqualTo(Status.UP);
          assertThat(a.getDetails()).containsEntry("backend", "memory").containsEntry("policy", "external");
          Health f = health(all, "f");
          assertThat(f.getStatus()).isEqualTo(Status.UP);
          assertThat(f.getDetails()).containsEntry("backend", "fs").containsEntry("policy", "global");
        });
  }

  @Test
  void aStoreThatFailsIsDownWithTheErrorKind(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectory(dir.resolve("root"));
    runner.withPropertyValues("rdal.stores.f.uri=fs://" + root.toUri().getPath())
        .run(context -> {
          Files.delete(root);
          Files.writeString(root, "the root is a file now");
          Health f = health(context.getBean(CompositeReactiveHealthContributor.class), "f");
          assertThat(f.getStatus()).isEqualTo(Status.DOWN);
          assertThat(f.getDetails()).containsKeys("error", "message").containsEntry("backend", "fs");
        });
  }

  @Test
  void aStoreThatDoesNotAnswerIsDownAfterTheTimeout() {
    runner.withBean(OperatorCustomizer.class, () -> (store, builder) -> builder.layer(new FailingStat(0, true)))
        .withPropertyValues("rdal.stores.slow.uri=memory:", "rdal.health.timeout=200ms")
        .run(context -> {
          Health slow = health(context.getBean(CompositeReactiveHealthContributor.class), "slow");
          assertThat(slow.getStatus()).isEqualTo(Status.DOWN);
          assertThat(slow.getDetails()).containsEntry("error", "no answer within PT0.2S");
        });
  }

  @Test
  void aNonPositiveTimeoutFailsStartup() {
    runner.withPropertyValues("rdal.stores.a.uri=memory:", "rdal.health.timeout=0s").run(context -> {
      assertThat(context).hasFailed();
      StoreConfigurationException e = BadStorePropertiesTest.findCause(context.getStartupFailure(),
          StoreConfigurationException.class);
      assertThat(e.property()).isEqualTo("rdal.health.timeout");
    });
  }

  @Test
  void theIndicatorCanBeSwitchedOff() {
    runner.withPropertyValues("rdal.stores.a.uri=memory:", "management.health.rdal.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("rdalHealthContributor"));
  }

  @Test
  void withoutBootsHealthSupportThereIsNoIndicator() {
    runner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
        .withPropertyValues("rdal.stores.a.uri=memory:")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean("rdalHealthContributor");
        });
  }

  @Test
  void aUserContributorOfTheSameNameWins() {
    CompositeReactiveHealthContributor mine = CompositeReactiveHealthContributor.fromMap(java.util.Map.of(
        "x", (ReactiveHealthIndicator) () -> reactor.core.publisher.Mono.just(Health.up().build())));
    runner.withBean("rdalHealthContributor", CompositeReactiveHealthContributor.class, () -> mine)
        .withPropertyValues("rdal.stores.a.uri=memory:")
        .run(context -> assertThat(context.getBean("rdalHealthContributor")).isSameAs(mine));
  }

  @Test
  void aBadIndicatorTimeoutIsATypedError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StoreHealthIndicator(dev.rdal.Operator.of("memory:"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }
}
