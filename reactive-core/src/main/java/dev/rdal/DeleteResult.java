package dev.rdal;

/**
 * The outcome for one path of a batch delete.
 *
 * @param path the path as given (normalised when it was valid)
 * @param error null when the path is gone (including when it was already missing), else why not
 */
public record DeleteResult(String path, RdalException error) {

  /**
   * Whether this path is deleted.
   *
   * @return true when the path was deleted or was missing
   */
  public boolean isOk() {
    return error == null;
  }
}
