package dev.rdal.cli;

import java.util.Map;

/**
 * Where a command reads or writes: a store (named by its key, opened by {@link Stores}) and a path in it.
 *
 * @param storeKey identifies the store; equal keys share one operator within a run
 * @param type the backend's scheme
 * @param config the backend's config keys
 * @param path the path in the store; ends with {@code /} when the user named a directory
 * @param display the location as the user wrote it, without query parameters (they may hold secrets)
 */
record Location(String storeKey, String type, Map<String, String> config, String path, String display) {

  Location {
    config = Map.copyOf(config);
  }

  /** Whether the user named a directory (a trailing {@code /}, or the store's root). */
  boolean namesDirectory() {
    return path.isEmpty() || path.endsWith("/");
  }

  /** The path as the operator takes it: the store's root is {@code /}. */
  String storePath() {
    return path.isEmpty() ? "/" : path;
  }

  /** This location's store with another path, displayed as {@code display}. */
  Location withPath(String newPath, String newDisplay) {
    return new Location(storeKey, type, config, newPath, newDisplay);
  }

  /** Whether both locations are in the same store. */
  boolean sameStore(Location other) {
    return storeKey.equals(other.storeKey);
  }

  /** The location of {@code child} (a path relative to this directory). */
  Location child(String child) {
    String dir = namesDirectory() ? path : path + "/";
    String shown = display.endsWith("/") || display.endsWith(":") ? display + child : display + "/" + child;
    return withPath(dir + child, shown);
  }

  @Override
  public String toString() {
    return display;
  }
}
