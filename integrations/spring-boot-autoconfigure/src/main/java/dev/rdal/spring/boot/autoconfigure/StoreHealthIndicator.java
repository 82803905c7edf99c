package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.Capability;
import dev.rdal.ListOptions;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The health of one store: UP when a listing of at most one entry of its root (or, for a store that cannot
 * list, a stat of the root) answers within the timeout, DOWN otherwise. Details name the backend, the
 * policy and, when DOWN, the error kind and message; never the store's configuration or credentials.
 */
public final class StoreHealthIndicator implements ReactiveHealthIndicator {

  private final Operator operator;
  private final Duration timeout;

  /**
   * Creates the indicator.
   *
   * @param operator the store
   * @param timeout how long one check may take
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public StoreHealthIndicator(Operator operator, Duration timeout) {
    this.operator = Objects.requireNonNull(operator, "operator");
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("health timeout must be a positive duration, was " + timeout);
    }
    this.timeout = timeout;
  }

  /**
   * Checks the store.
   *
   * @return UP or DOWN with details; never an error signal
   */
  @Override
  public Mono<Health> health() {
    Mono<?> probe = operator.capabilities().has(Capability.LIST)
        ? operator.list("/", ListOptions.defaults().withLimit(1)).then()
        : operator.exists("/");
    return probe
        .then(Mono.fromSupplier(() -> details(Health.up()).build()))
        .timeout(timeout)
        .onErrorResume(e -> Mono.just(down(e)));
  }

  private Health.Builder details(Health.Builder b) {
    return b.withDetail("backend", operator.scheme()).withDetail("policy", operator.executionPolicy().kind().name().toLowerCase(Locale.ROOT));
  }

  private Health down(Throwable e) {
    Health.Builder b = details(Health.down());
    if (e instanceof TimeoutException) {
      return b.withDetail("error", "no answer within " + timeout).build();
    }
    if (e instanceof RdalException r) {
      return b.withDetail("error", r.kind().name()).withDetail("message", r.getMessage()).build();
    }
    return b.withDetail("error", e.getClass().getSimpleName()).build();
  }
}
