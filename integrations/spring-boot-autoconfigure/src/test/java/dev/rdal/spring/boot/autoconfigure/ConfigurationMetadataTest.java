package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The configuration metadata the processor generated: every property described, in plain text. */
class ConfigurationMetadataTest {

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> properties() throws Exception {
    try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata").isNotNull();
      Map<String, Object> json = JsonMapper.builder().build().readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.class);
      return (List<Map<String, Object>>) json.get("properties");
    }
  }

  @Test
  void everyPropertyHasAPlainDescription() throws Exception {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> p : properties()) {
      names.add((String) p.get("name"));
      assertThat((String) p.get("description")).as("description of %s", p.get("name")).isNotBlank().doesNotContain("{@");
    }
    assertThat(names).contains("rdal.stores", "rdal.default-store", "rdal.health.timeout", "rdal.web.stores",
        "rdal.web.base-path", "rdal.web.writable");
  }

  @Test
  void everyStoreKeyIsDocumentedInItsPropertiesClass() {
    // Boot's processor describes rdal.stores as a map of StoreProperties; IDEs complete its keys from that
    // class. Its keys are the ones the unknown-key check accepts.
    assertThat(new KnownKeys(StoreProperties.class).all()).containsExactly("concurrency-limit", "config.*", "logging",
        "policy", "retry.enabled", "retry.first-backoff", "retry.max-backoff", "retry.max-elapsed", "retry.max-retries",
        "threads", "throttle", "timeout.deadline", "timeout.idle", "uri");
  }
}
