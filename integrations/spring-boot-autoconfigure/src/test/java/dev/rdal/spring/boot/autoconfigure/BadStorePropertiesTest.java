package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every mistake in the store properties fails startup, naming the property. */
class BadStorePropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class));

  private void failsNaming(String property, String expected, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      StoreConfigurationException e = findCause(failure, StoreConfigurationException.class);
      assertThat(e).as("cause of %s", failure).isNotNull();
      assertThat(e.property()).isEqualTo(property);
      assertThat(e.getMessage()).startsWith(property + ": ").contains(expected);
    });
  }

  static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) return type.cast(c);
    }
    return null;
  }

  @Test
  void anUnknownSchemeNamesTheUriAndTheKnownSchemes() {
    failsNaming("rdal.stores.docs.uri", "unknown scheme 'nope'; known schemes: [fs, memory, s3]",
        "rdal.stores.docs.uri=nope://x/y");
  }

  @Test
  void aMalformedUriNamesTheUri() {
    failsNaming("rdal.stores.docs.uri", "malformed URI", "rdal.stores.docs.uri=fs://bad host/data");
  }

  @Test
  void aUriWithoutASchemeNamesTheUri() {
    failsNaming("rdal.stores.docs.uri", "has no scheme", "rdal.stores.docs.uri=/data");
  }

  @Test
  void aMissingUriNamesTheUri() {
    failsNaming("rdal.stores.docs.uri", "is required", "rdal.stores.docs.policy=global");
  }

  @Test
  void badBackendConfigNamesTheStore() {
    failsNaming("rdal.stores.docs", "read-ahead", "rdal.stores.docs.uri=fs:///tmp?read-ahead=lots");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rdal.stores.docs.urii=memory:        | is not a known property; did you mean rdal.stores.docs.uri?",
      "rdal.stores.docs.retry.max-retires=2 | did you mean rdal.stores.docs.retry.max-retries?",
      "rdal.stores.docs.timeout.dead-line=1s | did you mean rdal.stores.docs.timeout.deadline?",
      "rdal.stores.docs.concurrency-limt=1  | did you mean rdal.stores.docs.concurrency-limit?",
      "rdal.stores.docs.colour=blue         | is not a known property. Known keys: [concurrency-limit, config.*,"
  })
  void unknownKeysFailNamingTheKeyAndTheNearestKnownOne(String property, String expected) {
    String key = property.substring(0, property.indexOf('='));
    failsNaming(key, expected, "rdal.stores.docs.uri=memory:", property);
  }

  @Test
  void anUnknownWebKeyFails() {
    failsNaming("rdal.web.writeable", "did you mean rdal.web.writable?", "rdal.web.writeable=true");
  }

  @Test
  void aScalarInPlaceOfAStoreFails() {
    failsNaming("rdal.stores.docs", "is not a store", "rdal.stores.docs=memory:");
  }

  @Test
  void anUnknownBackendKeyFailsNamingTheStoreAndTheKey() {
    failsNaming("rdal.stores.docs", "config key 'anything' is not a config key of the memory backend",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.config.anything=1");
  }

  @Test
  void aMisspeltBackendKeyNamesTheNearestKnownOne() {
    failsNaming("rdal.stores.docs", "did you mean 'read-ahead'?",
        "rdal.stores.docs.uri=fs://" + System.getProperty("java.io.tmpdir"), "rdal.stores.docs.config.readahead=2");
  }

  @Test
  void otherRdalKeysAreLeftAlone() {
    runner.withPropertyValues("rdal.scheduler.global.threads=4").run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void anUnknownDefaultStoreFails() {
    failsNaming("rdal.default-store", "no store is named 'c'; stores: [a, b]",
        "rdal.stores.a.uri=memory:", "rdal.stores.b.uri=memory:", "rdal.default-store=c");
  }

  @Test
  void anUnknownPolicyFailsNamingIt() {
    runner.withPropertyValues("rdal.stores.docs.uri=memory:", "rdal.stores.docs.policy=sometimes").run(context -> {
      assertThat(context).hasFailed();
      BindException e = findCause(context.getStartupFailure(), BindException.class);
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).contains("rdal.stores.docs.policy");
    });
  }

  @Test
  void threadsWithoutADedicatedPolicyFail() {
    failsNaming("rdal.stores.docs.threads", "set rdal.stores.docs.policy=dedicated",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.threads=4");
    failsNaming("rdal.stores.docs.threads", "the policy is global",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.policy=global", "rdal.stores.docs.threads=4");
  }

  @Test
  void nonPositiveThreadsFail() {
    failsNaming("rdal.stores.docs.threads", "must be at least 1, was 0",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.policy=dedicated", "rdal.stores.docs.threads=0");
  }

  @Test
  void nonPositiveLimitsFail() {
    failsNaming("rdal.stores.docs.concurrency-limit", "must be at least 1, was 0",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.concurrency-limit=0");
    failsNaming("rdal.stores.docs.throttle", "must be a positive size",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.throttle=0B");
    failsNaming("rdal.stores.docs.timeout.deadline", "must be a positive duration",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.timeout.deadline=0s");
    failsNaming("rdal.stores.docs.timeout.idle", "must be a positive duration",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.timeout.idle=-1s");
  }

  @Test
  void badRetryValuesFail() {
    failsNaming("rdal.stores.docs.retry.max-retries", "must be at least 0",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.retry.enabled=true", "rdal.stores.docs.retry.max-retries=-1");
    failsNaming("rdal.stores.docs.retry.max-backoff", "must be at least first-backoff",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.retry.enabled=true",
        "rdal.stores.docs.retry.first-backoff=2s", "rdal.stores.docs.retry.max-backoff=1s");
    failsNaming("rdal.stores.docs.retry.first-backoff", "must not be negative",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.retry.enabled=true", "rdal.stores.docs.retry.first-backoff=-1s");
    failsNaming("rdal.stores.docs.retry.max-elapsed", "must not be negative",
        "rdal.stores.docs.uri=memory:", "rdal.stores.docs.retry.enabled=true", "rdal.stores.docs.retry.max-elapsed=-1s");
  }

  @Test
  void aFailingStoreClosesTheStoresBuiltBeforeIt() {
    CloseRecorder recorder = new CloseRecorder();
    runner.withBean(OperatorCustomizer.class, () -> (store, builder) -> builder.layer(recorder))
        .withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.b.uri=memory:", "rdal.stores.b.retry.enabled=true",
            "rdal.stores.b.retry.max-retries=-1")
        .run(context -> assertThat(context).hasFailed());
    assertThat(recorder.wrapped()).containsExactly("memory");
    assertThat(recorder.closed()).containsExactly("memory");
  }
}
