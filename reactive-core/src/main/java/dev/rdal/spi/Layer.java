package dev.rdal.spi;

/**
 * Cross-cutting behavior written once for every backend: a layer wraps a {@link Backend} and is itself
 * one (usually a {@link ForwardingBackend}). Layers pass capabilities through unchanged unless they
 * change what the backend can do. The operator applies them in the order given, the first one
 * outermost, and puts its execution policy outside them all.
 */
@FunctionalInterface
public interface Layer {

  /**
   * Wraps {@code inner}.
   *
   * @param inner the backend to wrap
   * @return the wrapping backend
   */
  Backend wrap(Backend inner);
}
