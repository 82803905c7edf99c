package dev.rdal.cli;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One named store from the profiles file and the environment.
 *
 * @param name the profile's name, lower case
 * @param type the store type ({@code fs}, {@code s3}, {@code memory})
 * @param config the backend's config keys
 * @param source where it came from (the file, the environment), for messages
 */
record Profile(String name, String type, Map<String, String> config, String source) {

  Profile {
    config = Map.copyOf(config);
  }

  /** The config with every secret value replaced by {@code ***}, for {@code --verbose}. */
  String redacted() {
    return config.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + (ProfileKeys.isSecret(e.getKey()) ? "***" : e.getValue()))
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "Profile{" + name + ", " + type + ", " + redacted() + ", from " + source + "}";
  }
}
