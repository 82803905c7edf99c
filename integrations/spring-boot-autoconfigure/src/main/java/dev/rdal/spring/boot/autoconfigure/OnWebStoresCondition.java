package dev.rdal.spring.boot.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code rdal.web.stores} lists at least one store. */
final class OnWebStoresCondition extends SpringBootCondition {

  static final String PROPERTY = RdalProperties.PREFIX + ".web.stores";

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    List<String> stores = Binder.get(context.getEnvironment()).bind(PROPERTY, Bindable.listOf(String.class))
        .orElse(List.of());
    return stores.isEmpty()
        ? ConditionOutcome.noMatch(PROPERTY + " lists no store")
        : ConditionOutcome.match(PROPERTY + " lists " + stores);
  }
}
