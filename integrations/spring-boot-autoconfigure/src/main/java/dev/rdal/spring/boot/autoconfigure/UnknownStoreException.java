package dev.rdal.spring.boot.autoconfigure;

/** A store was asked for by a name the {@link StoreRegistry} does not know. */
public class UnknownStoreException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param name the name asked for
   * @param known the names the registry knows
   */
  public UnknownStoreException(String name, Iterable<String> known) {
    super("no store named '" + name + "'; known stores: " + known);
  }
}
