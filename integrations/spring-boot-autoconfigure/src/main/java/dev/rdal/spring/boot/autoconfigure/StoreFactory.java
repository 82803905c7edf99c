package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.layers.Layers;
import dev.rdal.layers.RetryListener;
import dev.rdal.layers.RetryPolicy;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.RdalSchedulers;
import dev.rdal.scheduler.SchedulerSpec;
import dev.rdal.spi.Layer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one store's properties into an {@link Operator}: the URI and backend config, the execution policy,
 * the instrumentation layers, then the layers of properties, then the customizers. Every mistake is a
 * {@link StoreConfigurationException} naming the property.
 */
final class StoreFactory {

  private final List<StoreInstrumentation> instrumentations;
  private final List<OperatorCustomizer> customizers;

  StoreFactory(List<StoreInstrumentation> instrumentations, List<OperatorCustomizer> customizers) {
    this.instrumentations = List.copyOf(instrumentations);
    this.customizers = List.copyOf(customizers);
  }

  Operator create(String name, StoreProperties store) {
    String prefix = RdalProperties.PREFIX + ".stores." + name;
    Operator.Builder builder = builder(prefix + ".uri", store.getUri());
    store.getConfig().forEach((k, v) -> builder.config(k, v == null ? "" : v));
    policy(prefix, name, store).ifPresent(builder::executionPolicy);
    for (StoreInstrumentation i : instrumentations) {
      i.layers(name).forEach(builder::layer);
    }
    for (Layer layer : propertyLayers(prefix, name, store)) {
      builder.layer(layer);
    }
    customizers.forEach(c -> c.customize(name, builder));
    try {
      return builder.build();
    } catch (RdalException e) {
      throw new StoreConfigurationException(prefix, e.getMessage(), e);
    }
  }

  private static Operator.Builder builder(String property, String uri) {
    if (uri == null || uri.isBlank()) {
      throw new StoreConfigurationException(property,
          "is required, for example fs:///data, memory: or s3://bucket/prefix?region=eu-west-1");
    }
    String u = uri.trim();
    if (u.matches("[A-Za-z][A-Za-z0-9+.-]*:")) {
      u = u + "/"; // a bare scheme such as "memory:" names the backend with no further config
    }
    URI parsed;
    try {
      parsed = new URI(u);
    } catch (URISyntaxException e) {
      throw new StoreConfigurationException(property, "malformed URI (" + e.getReason() + " at index "
          + e.getIndex() + "); expected for example fs:///data, memory: or s3://bucket/prefix?region=eu-west-1");
    }
    try {
      return Operator.builder(parsed);
    } catch (RdalException e) {
      throw new StoreConfigurationException(property, e.getMessage(), e);
    }
  }

  private Optional<ExecutionPolicy> policy(String prefix, String name, StoreProperties store) {
    StoreProperties.Policy policy = store.getPolicy();
    Integer threads = store.getThreads();
    if (threads != null && policy != StoreProperties.Policy.DEDICATED) {
      throw new StoreConfigurationException(prefix + ".threads",
          "sizes a dedicated scheduler, but the policy is " + (policy == null ? "unset" : policy.name().toLowerCase(Locale.ROOT))
              + "; set " + prefix + ".policy=dedicated or remove threads");
    }
    if (policy == null) {
      return Optional.empty();
    }
    switch (policy) {
      case GLOBAL:
        return Optional.of(ExecutionPolicy.global());
      case EXTERNAL:
        return Optional.of(ExecutionPolicy.external());
      default:
        int n = threads == null ? RdalSchedulers.DEFAULT_DEDICATED_THREADS : threads;
        if (n < 1) {
          throw new StoreConfigurationException(prefix + ".threads", "must be at least 1, was " + n);
        }
        SchedulerSpec.Builder spec = SchedulerSpec.builder(n);
        for (StoreInstrumentation i : instrumentations) {
          spec = i.scheduler(name, spec);
        }
        return Optional.of(ExecutionPolicy.dedicated(spec.build()));
    }
  }

  private List<Layer> propertyLayers(String prefix, String name, StoreProperties store) {
    List<Layer> layers = new ArrayList<>();
    if (store.isLogging()) {
      layers.add(Layers.logging());
    }
    Integer limit = store.getConcurrencyLimit();
    if (limit != null) {
      if (limit < 1) {
        throw new StoreConfigurationException(prefix + ".concurrency-limit", "must be at least 1, was " + limit);
      }
      layers.add(Layers.concurrencyLimit(limit));
    }
    StoreProperties.Retry retry = store.getRetry();
    if (retry.isEnabled()) {
      layers.add(Layers.retry(retryPolicy(prefix + ".retry", name, retry)));
    }
    StoreProperties.Timeout timeout = store.getTimeout();
    if (timeout.getDeadline() != null || timeout.getIdle() != null) {
      positive(prefix + ".timeout.deadline", timeout.getDeadline());
      positive(prefix + ".timeout.idle", timeout.getIdle());
      layers.add(Layers.timeout(timeout.getDeadline(), timeout.getIdle()));
    }
    if (store.getThrottle() != null) {
      long bytes = store.getThrottle().toBytes();
      if (bytes < 1) {
        throw new StoreConfigurationException(prefix + ".throttle",
            "must be a positive size per second such as 50MB, was " + store.getThrottle());
      }
      layers.add(Layers.throttle(bytes));
    }
    return layers;
  }

  private RetryPolicy retryPolicy(String prefix, String name, StoreProperties.Retry retry) {
    if (retry.getMaxRetries() < 0) {
      throw new StoreConfigurationException(prefix + ".max-retries", "must be at least 0, was " + retry.getMaxRetries());
    }
    if (retry.getFirstBackoff().isNegative()) {
      throw new StoreConfigurationException(prefix + ".first-backoff", "must not be negative, was " + retry.getFirstBackoff());
    }
    if (retry.getMaxBackoff().compareTo(retry.getFirstBackoff()) < 0) {
      throw new StoreConfigurationException(prefix + ".max-backoff",
          "must be at least first-backoff (" + retry.getFirstBackoff() + "), was " + retry.getMaxBackoff());
    }
    if (retry.getMaxElapsed().isNegative()) {
      throw new StoreConfigurationException(prefix + ".max-elapsed", "must not be negative, was " + retry.getMaxElapsed());
    }
    RetryPolicy policy = RetryPolicy.defaults()
        .withMaxRetries(retry.getMaxRetries())
        .withBackoff(retry.getFirstBackoff(), retry.getMaxBackoff())
        .withMaxElapsed(retry.getMaxElapsed());
    RetryListener listener = combinedListener(name);
    return listener == null ? policy : policy.withListener(listener);
  }

  private RetryListener combinedListener(String name) {
    List<RetryListener> listeners = new ArrayList<>();
    for (StoreInstrumentation i : instrumentations) {
      RetryListener l = i.retryListener(name);
      if (l != null) listeners.add(l);
    }
    return listeners.stream().reduce(RetryListener::andThen).orElse(null);
  }

  private static void positive(String property, Duration d) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new StoreConfigurationException(property, "must be a positive duration such as 30s, was " + d);
    }
  }
}
