package dev.rdal;

/**
 * Options of one listing.
 *
 * @param recursive walk every level below the directory instead of its direct children only
 * @param startAfter emit only entries whose path sorts strictly after this path in UTF-8 byte order
 *     ({@link PathOrder}; a normalised path relative to the root, as listings emit them); null to start at
 *     the beginning
 * @param limit emit at most this many entries; 0 or less means no limit
 */
public record ListOptions(boolean recursive, String startAfter, long limit) {

  private static final ListOptions DEFAULTS = new ListOptions(false, null, 0);

  /**
   * Direct children, from the start, no limit.
   *
   * @return the defaults
   */
  public static ListOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Every entry below the directory.
   *
   * @return options of a recursive listing
   */
  public static ListOptions recursively() {
    return new ListOptions(true, null, 0);
  }

  /**
   * These options, listing recursively or not.
   *
   * @param recursive true to list every entry below the directory
   * @return new options
   */
  public ListOptions withRecursive(boolean recursive) {
    return new ListOptions(recursive, startAfter, limit);
  }

  /**
   * These options, starting after a path.
   *
   * @param startAfter list only paths after this one; null for all
   * @return new options
   */
  public ListOptions withStartAfter(String startAfter) {
    return new ListOptions(recursive, startAfter, limit);
  }

  /**
   * These options with a cap on the entries.
   *
   * @param limit the most entries, 0 for no cap
   * @return new options
   */
  public ListOptions withLimit(long limit) {
    return new ListOptions(recursive, startAfter, limit);
  }
}
