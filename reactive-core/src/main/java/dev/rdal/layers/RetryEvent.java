package dev.rdal.layers;

import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.time.Duration;

/**
 * One retry about to happen: which operation, the failure that caused it, and which retry of that
 * operation this is (1 for the first).
 *
 * @param backend the wrapped backend's scheme
 * @param operation the operation ({@code read}, {@code write}, {@code stat}, ...); a read body resumed
 *     after a break is {@code read.resume}
 * @param path the normalised path, or null for operations on many paths
 * @param retry 1 for the first retry of this operation, 2 for the second, ...
 * @param error the temporary failure that is retried
 * @param elapsed time since the operation's first attempt started
 */
public record RetryEvent(String backend, String operation, String path, long retry, RdalException error,
    Duration elapsed) {

  /**
   * The kind of the failure that is retried.
   *
   * @return the kind
   */
  public ErrorKind kind() {
    return error.kind();
  }
}
