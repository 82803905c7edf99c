package dev.rdal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** An immutable set of {@link Capability}s a backend declares. */
public final class Capabilities {

  private final Set<Capability> set;

  private Capabilities(Set<Capability> set) {
    this.set = Collections.unmodifiableSet(set);
  }

  /**
   * Exactly the given capabilities.
   *
   * @param capabilities what the backend can do
   * @return the set
   */
  public static Capabilities of(Capability... capabilities) {
    EnumSet<Capability> s = EnumSet.noneOf(Capability.class);
    Collections.addAll(s, capabilities);
    return new Capabilities(s);
  }

  /**
   * Every capability.
   *
   * @return every capability
   */
  public static Capabilities all() {
    return new Capabilities(EnumSet.allOf(Capability.class));
  }

  /**
   * These capabilities less the given ones.
   *
   * @param capabilities the capabilities to leave out
   * @return a new set without them
   */
  public Capabilities without(Capability... capabilities) {
    EnumSet<Capability> s = set.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(set);
    for (Capability c : capabilities) {
      s.remove(c);
    }
    return new Capabilities(s);
  }

  /**
   * Whether the set holds {@code capability}.
   *
   * @param capability a capability
   * @return true when it is present
   */
  public boolean has(Capability capability) {
    return set.contains(capability);
  }

  /**
   * The capabilities as an unmodifiable set.
   *
   * @return an unmodifiable set
   */
  public Set<Capability> asSet() {
    return set;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capabilities && ((Capabilities) o).set.equals(set);
  }

  @Override
  public int hashCode() {
    return set.hashCode();
  }

  @Override
  public String toString() {
    return set.toString();
  }
}
