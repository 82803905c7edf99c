package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.Operator;

/**
 * Changes the builder of an auto-configured store last, after its layers of properties were added: a layer
 * added here sits inside them all (closest to the backend). Beans of this type are applied in their
 * {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface OperatorCustomizer {

  /**
   * Customizes one store's builder.
   *
   * @param store the store's name
   * @param builder the builder, to change in place
   */
  void customize(String store, Operator.Builder builder);
}
