package dev.rdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.ConfigKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unknown config keys are refused, naming the key and the nearest known one; declared prefixes pass. */
class ConfigKeysTest {

  private static final ConfigKeys FS_LIKE = ConfigKeys.of("root", "chunk-size", "read-ahead", "fsync");

  @Test
  void memoryUriWithAnyKeyIsConfigInvalidNamingIt() {
    RdalException e = catchThrowableOfType(RdalException.class, () -> Operator.of("memory:?bogus=1"));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
    assertThat(e.getMessage()).contains("'bogus'", "memory", "takes no config keys");
  }

  @Test
  void memoryBuilderWithAnyKeyIsConfigInvalid() {
    assertThatThrownBy(() -> Operator.builder("memory").config("root", "/x").build())
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID))
        .hasMessageContaining("'root'");
  }

  @Test
  void memoryWithoutKeysStillWorks() {
    for (String uri : new String[] {"memory:", "memory:/", "memory:?"}) {
      try (Operator op = Operator.of(uri)) {
        op.write("a", new byte[] {1}).block();
        assertThat(op.readAllBytes("a").block()).containsExactly(1);
      }
    }
  }

  @Test
  void nearestKeyIsSuggestedForTyposSeparatorsAndSwaps() {
    assertThat(message(FS_LIKE, "readahead")).contains("'readahead'", "did you mean 'read-ahead'?");
    assertThat(message(FS_LIKE, "chunk_size")).contains("did you mean 'chunk-size'?");
    assertThat(message(FS_LIKE, "fsnyc")).contains("did you mean 'fsync'?");
    assertThat(message(ConfigKeys.of("region", "endpoint"), "regoin")).contains("did you mean 'region'?");
  }

  @Test
  void aKeyFarFromEveryKnownOneGetsNoGuessButTheKnownKeys() {
    String m = message(FS_LIKE, "completely-unrelated");
    assertThat(m).doesNotContain("did you mean").contains("known keys: [chunk-size, fsync, read-ahead, root]");
  }

  @Test
  void passThroughPrefixesAcceptTheirKeysAndAreNamedInErrors() {
    ConfigKeys keys = ConfigKeys.of("root").withPassThroughPrefixes("fs.", "dfs.");
    keys.check("hdfs", Map.of("root", "/", "fs.defaultFS", "hdfs://nn:8020", "dfs.replication", "2"));
    assertThat(keys.accepts("dfs.client.socket-timeout")).isTrue();
    assertThat(keys.accepts("fsx")).isFalse();
    assertThat(message(keys, "rooot")).contains("did you mean 'root'?", "keys starting with [dfs., fs.]");
    assertThatThrownBy(() -> ConfigKeys.none().withPassThroughPrefixes("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretValuesNeverAppearInTheError() {
    RdalException e = catchThrowableOfType(RdalException.class,
        () -> FS_LIKE.check(new BackendConfig("fs", Map.of("secret_key", "hunter2-VALUE"))));
    assertThat(e.getMessage()).contains("secret_key").doesNotContain("hunter2-VALUE");
  }

  private static String message(ConfigKeys keys, String key) {
    RdalException e = catchThrowableOfType(RdalException.class, () -> keys.check("test", Map.of(key, "1")));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
    return e.getMessage();
  }
}
