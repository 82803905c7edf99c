package dev.rdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rdal.spi.BackendConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets never appear in toString or messages; errors name the key. */
class BackendConfigTest {

  private static final String SECRET = "s3cr3t-VALUE-42";

  private final BackendConfig config = new BackendConfig("s3", Map.of(
      "region", "eu-west-1", "secret_access_key", SECRET, "password", SECRET, "session_token", SECRET,
      "credentials", SECRET, "count", "notanumber"));

  @Test
  void toStringRedactsSecretsAndKeepsTheRest() {
    assertThat(config.toString()).doesNotContain(SECRET).contains("region=eu-west-1")
        .contains("secret_access_key=<redacted>");
  }

  @Test
  void errorsAboutSecretKeysNameTheKeyOnly() {
    RdalException e = catchThrowableOfType(RdalException.class, () -> config.integer("password", 1, 0, 10));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
    assertThat(e.getMessage()).contains("password").doesNotContain(SECRET);
    RdalException b = catchThrowableOfType(RdalException.class, () -> config.bool("session_token", false));
    assertThat(b.getMessage()).contains("session_token").doesNotContain(SECRET);
    RdalException s = catchThrowableOfType(RdalException.class, () -> config.bytes("credentials", 1, 0, 10));
    assertThat(s.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void errorsAboutOrdinaryKeysNameKeyAndValue() {
    RdalException e = catchThrowableOfType(RdalException.class, () -> config.integer("count", 1, 0, 10));
    assertThat(e.getMessage()).contains("count").contains("notanumber");
    RdalException missing = catchThrowableOfType(RdalException.class, () -> config.required("bucket"));
    assertThat(missing.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
    assertThat(missing.getMessage()).contains("'bucket'");
  }

  @Test
  void operatorBuilderRedactsSecrets() {
    Operator.Builder b = Operator.builder("memory").config("api_token", SECRET).config("root", "/data");
    assertThat(b.toString()).doesNotContain(SECRET).contains("root=/data");
  }

  @Test
  void uriErrorsDoNotLeakUserInfoOrQuery() {
    RdalException e = catchThrowableOfType(RdalException.class,
        () -> Operator.builder(URI.create("nosuch://user:" + SECRET + "@host/p?secret_key=" + SECRET)));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
    assertThat(e.getMessage()).doesNotContain(SECRET).contains("memory");
  }

  @Test
  void unknownSchemeListsKnownSchemes() {
    RdalException e = catchThrowableOfType(RdalException.class, () -> Operator.of("nosuch:"));
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
    assertThat(e.getMessage()).contains("nosuch").contains("memory");
  }

  @Test
  void secretKeysAreRecognised() {
    assertThat(BackendConfig.isSecretKey("aws.secretAccessKey")).isTrue();
    assertThat(BackendConfig.isSecretKey("PASSWORD")).isTrue();
    assertThat(BackendConfig.isSecretKey("region")).isFalse();
  }
}
