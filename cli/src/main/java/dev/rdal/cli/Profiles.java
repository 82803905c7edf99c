package dev.rdal.cli;

import dev.rdal.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * The configured stores: {@code [profiles.<name>]} tables of the TOML file, each with a {@code type} and the
 * backend's keys, overridden by {@code RDAL_PROFILE_<NAME>_<KEY>} environment variables. A malformed file,
 * an unknown key or a bad type fails with one line naming the file and line ({@code CONFIG_INVALID}).
 */
final class Profiles {

  static final String ENV_PREFIX = "RDAL_PROFILE_";

  private final Map<String, Profile> byName;
  private final Path file;

  private Profiles(Map<String, Profile> byName, Path file) {
    this.byName = byName;
    this.file = file;
  }

  /** Where the profiles file is: {@code $XDG_CONFIG_HOME/rdal/config.toml}, else {@code ~/.config/rdal/}. */
  static Path defaultFile(Map<String, String> env) {
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "rdal", "config.toml");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".config", "rdal", "config.toml");
  }

  /** Reads {@code file} (absent is fine: no profiles) and applies the overrides of {@code env}. */
  static Profiles load(Path file, Map<String, String> env) {
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    readFile(file, types, configs, sources);
    applyEnv(env, types, configs, sources);
    Map<String, Profile> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : configs.entrySet()) {
      String name = e.getKey();
      String type = types.get(name);
      if (type == null) {
        throw invalid(sources.get(name) + ": profile '" + name + "' has no 'type' (one of "
            + ProfileKeys.types() + ")");
      }
      out.put(name, new Profile(name, type, e.getValue(), sources.get(name)));
    }
    return new Profiles(out, file);
  }

  /** The profile called {@code name}; {@code CONFIG_INVALID} naming the file when there is none. */
  Profile get(String name) {
    Profile p = byName.get(name.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw invalid("no profile '" + name + "' in " + file + " or the environment (" + ENV_PREFIX
          + name.toUpperCase(Locale.ROOT) + "_TYPE=...); known: " + byName.keySet()
          + "; a local path needs ./ or / in front");
    }
    return p;
  }

  /** Whether a profile called {@code name} exists. */
  boolean has(String name) {
    return byName.containsKey(name.toLowerCase(Locale.ROOT));
  }

  private static void readFile(Path file, Map<String, String> types, Map<String, Map<String, String>> configs,
      Map<String, String> sources) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw invalid(file + ": cannot read: " + e.getMessage());
    }
    TomlParseResult toml = Toml.parse(text);
    if (toml.hasErrors()) {
      TomlParseError first = toml.errors().get(0);
      throw invalid(file + ":" + first.position().line() + ": " + first.getMessage());
    }
    for (String top : toml.keySet()) {
      if (!"profiles".equals(top) || !toml.isTable(top)) {
        throw invalid(at(file, toml.inputPositionOf(top)) + "unknown key '" + top
            + "'; the file holds [profiles.<name>] tables");
      }
    }
    TomlTable profiles = toml.getTable("profiles");
    if (profiles == null) {
      return;
    }
    for (String name : profiles.keySet()) {
      String where = at(file, profiles.inputPositionOf(name));
      if (!profiles.isTable(name)) {
        throw invalid(where + "'profiles." + name + "' must be a table: [profiles." + name + "]");
      }
      TomlTable t = profiles.getTable(name);
      String lower = name.toLowerCase(Locale.ROOT);
      Object type = t.get(ProfileKeys.TYPE);
      if (!(type instanceof String) || !ProfileKeys.isType((String) type)) {
        throw invalid((type == null ? where : at(file, t.inputPositionOf(ProfileKeys.TYPE)))
            + "profile '" + name + "' needs type = one of " + ProfileKeys.types());
      }
      types.put(lower, (String) type);
      Map<String, String> config = new LinkedHashMap<>();
      for (String key : t.keySet()) {
        if (ProfileKeys.TYPE.equals(key)) {
          continue;
        }
        String keyWhere = at(file, t.inputPositionOf(key));
        String canonical = ProfileKeys.canonical((String) type, key).orElseThrow(() -> invalid(keyWhere
            + "unknown key '" + key + "' in profile '" + name + "' of type " + type + "; known keys: "
            + ProfileKeys.keys((String) type)));
        Object v = t.get(key);
        if (v instanceof TomlTable || v instanceof org.tomlj.TomlArray) {
          throw invalid(keyWhere + "key '" + key + "' of profile '" + name + "' must be a string, number or boolean");
        }
        config.put(canonical, String.valueOf(v));
      }
      configs.put(lower, config);
      sources.put(lower, file.toString());
    }
  }

  private static void applyEnv(Map<String, String> env, Map<String, String> types,
      Map<String, Map<String, String>> configs, Map<String, String> sources) {
    List<String> vars = new ArrayList<>(env.keySet().stream().filter(k -> k.startsWith(ENV_PREFIX)).sorted().toList());
    // Types first, so that the keys of a profile defined only in the environment can be checked.
    vars.sort(Comparator.comparing((String k) -> !k.endsWith("_TYPE")));
    for (String var : vars) {
      String rest = var.substring(ENV_PREFIX.length());
      String name = nameOf(rest, configs.keySet());
      if (name == null || rest.length() <= name.length() + 1) {
        throw invalid("environment variable " + var + ": expected " + ENV_PREFIX + "<NAME>_<KEY>");
      }
      String key = rest.substring(name.length() + 1);
      String value = env.get(var);
      configs.computeIfAbsent(name, n -> new LinkedHashMap<>());
      sources.putIfAbsent(name, "the environment");
      if (ProfileKeys.TYPE.equalsIgnoreCase(key)) {
        if (!ProfileKeys.isType(value)) {
          throw invalid("environment variable " + var + ": type must be one of " + ProfileKeys.types());
        }
        types.put(name, value);
        continue;
      }
      String type = types.get(name);
      if (type == null) {
        throw invalid("environment variable " + var + ": profile '" + name + "' has no type; set "
            + ENV_PREFIX + name.toUpperCase(Locale.ROOT) + "_TYPE");
      }
      String canonical = ProfileKeys.canonical(type, key).orElseThrow(() -> invalid("environment variable "
          + var + ": unknown key for a profile of type " + type + "; known keys: " + ProfileKeys.keys(type)));
      configs.get(name).put(canonical, value);
    }
  }

  /** The profile a {@code NAME_KEY} rest belongs to: the longest known name it starts with, else its first word. */
  private static String nameOf(String rest, Iterable<String> known) {
    String best = null;
    for (String n : known) {
      String upper = n.toUpperCase(Locale.ROOT).replace('-', '_');
      if (rest.startsWith(upper + "_") && (best == null || n.length() > best.length())) {
        best = n;
      }
    }
    if (best != null) {
      return best;
    }
    int us = rest.indexOf('_');
    return us <= 0 ? null : rest.substring(0, us).toLowerCase(Locale.ROOT);
  }

  private static String at(Path file, TomlPosition pos) {
    return file + (pos != null ? ":" + pos.line() : "") + ": ";
  }

  private static CliFailure invalid(String message) {
    return CliFailure.of(ErrorKind.CONFIG_INVALID, null, message);
  }

  /** The names of the profiles, in file order. */
  List<String> names() {
    return List.copyOf(byName.keySet());
  }

  Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
