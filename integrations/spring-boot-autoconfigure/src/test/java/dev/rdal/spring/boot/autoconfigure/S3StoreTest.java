package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.s3.S3StoreProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** An s3 store made from properties (URI plus backend config), against S3Proxy on 127.0.0.1. */
class S3StoreTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class, RdalHealthAutoConfiguration.class));

  @Test
  void anS3StoreFromPropertiesWritesReadsAndIsUp() {
    runner.withPropertyValues(S3StoreProperties.of("media"))
        .withPropertyValues("rdal.stores.media.retry.enabled=true", "rdal.stores.media.timeout.deadline=20s")
        .run(context -> {
          Operator media = context.getBean("media", Operator.class);
          assertThat(media.scheme()).isEqualTo("s3");
          media.write("a/b.txt", "hello s3".getBytes()).block(WAIT);
          assertThat(new String(media.readAllBytes("a/b.txt").block(WAIT))).isEqualTo("hello s3");
          Health health = ((ReactiveHealthIndicator) context.getBean(CompositeReactiveHealthContributor.class)
              .getContributor("media")).health().block(WAIT);
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("backend", "s3");
          assertThat(health.toString()).doesNotContain(S3StoreProperties.secret());
        });
  }

  @Test
  void aBadBackendValueFailsNamingTheStoreWithoutTheSecret() {
    runner.withPropertyValues(S3StoreProperties.of("media"))
        .withPropertyValues("rdal.stores.media.config[page_size]=lots")
        .run(context -> {
          StoreConfigurationException e = BadStorePropertiesTest.findCause(context.getStartupFailure(),
              StoreConfigurationException.class);
          assertThat(e.property()).isEqualTo("rdal.stores.media");
          assertThat(e.getMessage()).contains("page_size").doesNotContain(S3StoreProperties.secret());
        });
  }
}
