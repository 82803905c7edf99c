package dev.rdal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An immutable set of {@link Capability}s a backend declares, with the limits of its paths: the most bytes
 * of UTF-8 a path below the operator's root may have, and the most a single name (a segment between
 * {@code /}) may have. The operator refuses a longer path with {@link ErrorKind#INVALID_INPUT} naming the
 * limit, before the backend sees it; the behavior-test kit checks both limits of every backend that
 * declares them.
 */
public final class Capabilities {

  private final Set<Capability> set;
  /** 0: no limit. */
  private final int maxPathBytes;
  /** 0: no limit. */
  private final int maxNameBytes;

  private Capabilities(Set<Capability> set, int maxPathBytes, int maxNameBytes) {
    this.set = Collections.unmodifiableSet(set);
    this.maxPathBytes = maxPathBytes;
    this.maxNameBytes = maxNameBytes;
  }

  private Capabilities(Set<Capability> set) {
    this(set, 0, 0);
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
    return new Capabilities(s, maxPathBytes, maxNameBytes);
  }

  /**
   * These capabilities with a limit on whole paths.
   *
   * @param bytes the most bytes of UTF-8 a normalised path below the operator's root may have (a
   *     directory's trailing {@code /} included); a backend whose store limits whole keys or paths
   *     subtracts what its own root adds
   * @return the capabilities with that limit
   * @throws IllegalArgumentException when {@code bytes} is not positive
   */
  public Capabilities withMaxPathBytes(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("a path limit must be positive, was " + bytes);
    }
    return new Capabilities(set, bytes, maxNameBytes);
  }

  /**
   * These capabilities with a limit on single names.
   *
   * @param bytes the most bytes of UTF-8 one name (a path segment between {@code /}) may have
   * @return the capabilities with that limit
   * @throws IllegalArgumentException when {@code bytes} is not positive
   */
  public Capabilities withMaxNameBytes(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("a name limit must be positive, was " + bytes);
    }
    return new Capabilities(set, maxPathBytes, bytes);
  }

  /**
   * The most bytes of UTF-8 a normalised path below the operator's root may have.
   *
   * @return the limit, or empty when the backend has none
   */
  public OptionalInt maxPathBytes() {
    return maxPathBytes > 0 ? OptionalInt.of(maxPathBytes) : OptionalInt.empty();
  }

  /**
   * The most bytes of UTF-8 one name of a path may have.
   *
   * @return the limit, or empty when the backend has none
   */
  public OptionalInt maxNameBytes() {
    return maxNameBytes > 0 ? OptionalInt.of(maxNameBytes) : OptionalInt.empty();
  }

  /**
   * Whether the backend can do {@code capability}.
   *
   * @param capability the capability asked about
   * @return true when declared
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
    return o instanceof Capabilities && ((Capabilities) o).set.equals(set)
        && ((Capabilities) o).maxPathBytes == maxPathBytes && ((Capabilities) o).maxNameBytes == maxNameBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(set, maxPathBytes, maxNameBytes);
  }

  @Override
  public String toString() {
    return set + (maxPathBytes > 0 ? ", path bytes <= " + maxPathBytes : "")
        + (maxNameBytes > 0 ? ", name bytes <= " + maxNameBytes : "");
  }
}
