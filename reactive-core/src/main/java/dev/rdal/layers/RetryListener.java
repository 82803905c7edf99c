package dev.rdal.layers;

/**
 * Told of every retry the {@link RetryLayer} makes, just before its backoff starts. Called on the thread
 * that saw the failure, which may be a non-blocking one: a listener must be quick and must not block or
 * throw (an exception it throws is ignored).
 */
@FunctionalInterface
public interface RetryListener {

  /** A listener that does nothing. */
  RetryListener NONE = event -> {};

  /**
   * Called once per retry.
   *
   * @param event what failed and which attempt comes next
   */
  void onRetry(RetryEvent event);

  /**
   * This listener, then {@code next}.
   *
   * @param next the listener told after this one
   * @return a listener telling both
   */
  default RetryListener andThen(RetryListener next) {
    return event -> {
      try {
        onRetry(event);
      } finally {
        next.onRetry(event);
      }
    };
  }
}
