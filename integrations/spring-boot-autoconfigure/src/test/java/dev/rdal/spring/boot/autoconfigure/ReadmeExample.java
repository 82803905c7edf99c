package dev.rdal.spring.boot.autoconfigure;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The Java of the root README's "Spring" section ({@code Greetings} below, verbatim), compiled and run
 * against the properties the README shows.
 */
class ReadmeExample {

  @Test
  void theReadmeControllerReadsTheDefaultStore(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("greeting.txt"), "hello");
    new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class))
        .withPropertyValues("rdal.stores.docs.uri=fs://" + dir.toUri().getPath(), "rdal.stores.docs.retry.enabled=true",
            "rdal.web.stores=docs")
        .withBean(Greetings.class)
        .run(context -> assertThat(context.getBean(Greetings.class).greeting().block(Duration.ofSeconds(10)))
            .isEqualTo("hello"));
  }
}

// tag::greetings[]
@RestController
class Greetings {
  private final Operator docs;                       // the only store, or rdal.default-store

  Greetings(Operator docs) {
    this.docs = docs;
  }

  @GetMapping("/greeting")
  Mono<String> greeting() {
    return docs.readAllBytes("greeting.txt").map(bytes -> new String(bytes, UTF_8));
  }
}
// end::greetings[]
