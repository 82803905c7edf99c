package dev.rdal.spring.boot.autoconfigure;

import java.util.Objects;

/**
 * A store's properties are wrong: an unknown key, a malformed URI, an unknown scheme, a value out of range.
 * The message starts with the full name of the property at fault, so a failed startup says what to fix.
 */
public class StoreConfigurationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** The full name of the property at fault. */
  private final String property;

  /**
   * Creates the exception.
   *
   * @param property the full name of the property at fault, such as {@code rdal.stores.docs.uri}
   * @param problem what is wrong with it, and what to do
   */
  public StoreConfigurationException(String property, String problem) {
    this(property, problem, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param property the full name of the property at fault
   * @param problem what is wrong with it, and what to do
   * @param cause the error that revealed it, or null
   */
  public StoreConfigurationException(String property, String problem, Throwable cause) {
    super(Objects.requireNonNull(property, "property") + ": " + problem, cause);
    this.property = property;
  }

  /**
   * The property at fault.
   *
   * @return its full name, such as {@code rdal.stores.docs.uri}
   */
  public String property() {
    return property;
  }
}
