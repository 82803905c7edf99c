package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A whole application on a random loopback port: an fs store served read-only, a memory store served
 * writable, and the actuator's health of both.
 */
@SpringBootTest(classes = RdalApplicationTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "management.endpoint.health.show-details=always",
        "management.endpoints.web.exposure.include=health,metrics"})
class RdalApplicationTest {

  @TempDir
  static Path root;

  @DynamicPropertySource
  static void stores(DynamicPropertyRegistry registry) {
    registry.add("rdal.stores.files.uri", () -> "fs://" + root.toUri().getPath());
    registry.add("rdal.stores.scratch.uri", () -> "memory:");
    registry.add("rdal.default-store", () -> "files");
    registry.add("rdal.web.stores", () -> "files");
  }

  @LocalServerPort
  int port;

  @Autowired
  Operator files;

  @Autowired
  @Qualifier("scratch")
  Operator scratch;

  WebTestClient http;

  @BeforeEach
  void client() throws IOException {
    http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    Files.writeString(root.resolve("hello.txt"), "hello, world");
  }

  @Test
  void theDefaultStoreIsInjectedAndTheOtherByName() {
    assertThat(files.scheme()).isEqualTo("fs");
    assertThat(scratch.scheme()).isEqualTo("memory");
  }

  @Test
  void aRangeOfAFileIsServed() {
    http.get().uri("/objects/files/hello.txt").header("Range", "bytes=7-").exchange()
        .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
        .expectHeader().valueEquals("Content-Range", "bytes 7-11/12")
        .expectHeader().valueEquals("Accept-Ranges", "bytes")
        .expectBody(String.class).isEqualTo("world");
  }

  @Test
  void aReadOnlyStoreRefusesWrites() {
    http.put().uri("/objects/files/new.txt").bodyValue("no").exchange()
        .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    assertThat(Files.exists(root.resolve("new.txt"))).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHealthOfEveryStoreIsUp() {
    Map<String, Object> health = http.get().uri("/actuator/health/rdal").exchange()
        .expectStatus().isOk()
        .expectBody(Map.class).returnResult().getResponseBody();
    assertThat(health).containsEntry("status", "UP");
    Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.get("components");
    assertThat(components).containsOnlyKeys("files", "scratch");
    assertThat(components.get("files")).containsEntry("status", "UP")
        .containsEntry("details", Map.of("backend", "fs", "policy", "global"));
    assertThat(components.get("scratch")).containsEntry("status", "UP");
  }

  @Test
  @SuppressWarnings("unchecked")
  void operationsAreMeteredByStore() {
    assertThat(scratch.exists("nothing").block(Duration.ofSeconds(10))).isFalse();
    Map<String, Object> metric = http.get()
        .uri("/actuator/metrics/rdal.operations?tag=store:scratch&tag=operation:stat&tag=error:NOT_FOUND").exchange()
        .expectStatus().isOk()
        .expectBody(Map.class).returnResult().getResponseBody();
    List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
    assertThat(measurements).anySatisfy(m -> {
      assertThat(m).containsEntry("statistic", "COUNT");
      assertThat(((Number) m.get("value")).doubleValue()).isGreaterThanOrEqualTo(1);
    });
  }

  /** The application: nothing but Boot's auto-configuration. */
  @SpringBootApplication
  static class App {
  }
}
