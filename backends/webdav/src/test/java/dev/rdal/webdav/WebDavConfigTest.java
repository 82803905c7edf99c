package dev.rdal.webdav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.spi.BackendConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration: each bad key is a CONFIG_INVALID naming it, and credentials never show. */
class WebDavConfigTest {

  private static final String SECRET = "pa55-S3CRET-value";

  private static Map<String, String> config(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("endpoint", "http://127.0.0.1:1/root/");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static RdalException invalid(Map<String, String> config) {
    try {
      WebDavBackend.create(new BackendConfig("webdav", config)).close().block();
    } catch (RdalException e) {
      assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
      assertThat(e.getMessage()).doesNotContain(SECRET);
      return e;
    }
    throw new AssertionError("expected CONFIG_INVALID for " + config.keySet());
  }

  @Test
  void endpointIsRequiredAndMustBeHttp() {
    Map<String, String> none = config();
    none.remove("endpoint");
    assertThat(invalid(none).getMessage()).contains("'endpoint'").contains("required");
    assertThat(invalid(config("endpoint", "ftp://host/")).getMessage()).contains("http or https");
    assertThat(invalid(config("endpoint", "not a url")).getMessage()).contains("'endpoint'");
    assertThat(invalid(config("endpoint", "http://host/a/../b")).getMessage()).contains("'..'");
    assertThat(invalid(config("endpoint", "http://host/?q=1")).getMessage()).contains("query");
  }

  @Test
  void credentialsInTheEndpointAreRefusedWithoutEchoingThem() {
    RdalException e = invalid(config("endpoint", "http://user:" + SECRET + "@host/"));
    assertThat(e.getMessage()).contains("must not carry credentials");
  }

  @Test
  void basicAuthNeedsBothPartsAndExcludesAToken() {
    assertThat(invalid(config("username", "u")).getMessage()).contains("'password'");
    assertThat(invalid(config("password", SECRET)).getMessage()).contains("'username'");
    assertThat(invalid(config("username", "u", "password", SECRET, "token", SECRET)).getMessage()).contains("'token'");
  }

  @Test
  void numbersAndSizesAreChecked() {
    assertThat(invalid(config("max_connections", "0")).getMessage()).contains("'max_connections'");
    assertThat(invalid(config("response_timeout", "soon")).getMessage()).contains("'response_timeout'");
    assertThat(invalid(config("max_buffered_upload", "lots")).getMessage()).contains("'max_buffered_upload'");
    assertThat(invalid(config("chunked_upload", "maybe")).getMessage()).contains("'chunked_upload'");
    assertThat(invalid(config("max_multistatus_bytes", "10")).getMessage()).contains("'max_multistatus_bytes'");
  }

  @Test
  void secretsNeverShowInToStrings() {
    WebDavBackend basic = WebDavBackend.create(new BackendConfig("webdav", config("username", "alice", "password", SECRET)));
    WebDavBackend bearer = WebDavBackend.create(new BackendConfig("webdav", config("token", SECRET)));
    try (Operator op = Operator.builder(basic).build()) {
      assertThat(basic.toString()).doesNotContain(SECRET).doesNotContain("alice").contains("basic <redacted>");
      assertThat(bearer.toString()).doesNotContain(SECRET).contains("bearer <redacted>");
      assertThat(op.toString()).doesNotContain(SECRET);
      assertThat(new BackendConfig("webdav", config("token", SECRET)).toString()).doesNotContain(SECRET);
    } finally {
      bearer.close().block();
    }
  }

  @Test
  void uriFormsChooseHttpOrHttps() {
    assertThat(new WebDavBackendProvider().configFromUri(URI.create("webdav://host:8080/dav/files/?max_connections=4")))
        .containsEntry("endpoint", "http://host:8080/dav/files/").containsEntry("max_connections", "4");
    assertThat(new WebDavsBackendProvider().configFromUri(URI.create("webdavs://host/dav")))
        .containsEntry("endpoint", "https://host/dav");
    assertThatThrownBy(() -> new WebDavBackendProvider().configFromUri(URI.create("webdav://u:" + SECRET + "@host/")))
        .isInstanceOfSatisfying(RdalException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG_INVALID);
          assertThat(e.getMessage()).doesNotContain(SECRET);
        });
    assertThat(new WebDavBackendProvider().configKeys().keys()).contains("endpoint", "max_connections", "password", "token");
  }

  @Test
  void operatorsAreMadeFromUris() {
    try (Operator op = Operator.of("webdav://127.0.0.1:1/x/")) {
      assertThat(op.scheme()).isEqualTo("webdav");
    }
    try (Operator op = Operator.of("webdavs://127.0.0.1:1/x/")) {
      assertThat(op.scheme()).isEqualTo("webdavs");
    }
  }
}
