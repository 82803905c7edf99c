package dev.rdal.docs;

import dev.rdal.Operator;
import dev.rdal.spring.webflux.ObjectEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The spring-webflux README's example, compiled as written; its routes serve and accept objects. */
class WebFluxReadmeSnippetTest {

  @Test
  void theReadmeRoutesAcceptAnUploadAndServeARange() {
    Config config = new Config();
    try (Operator memory = Operator.of("memory:")) {
      WebTestClient client = WebTestClient.bindToRouterFunction(config.fileRoutes(memory)).build();
      client.put().uri("/files/docs/a.txt").bodyValue("hello").exchange().expectStatus().is2xxSuccessful();
      client.get().uri("/files/docs/a.txt").header("Range", "bytes=1-3").exchange()
          .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
          .expectHeader().valueEquals("Content-Range", "bytes 1-3/5")
          .expectBody(String.class).isEqualTo("ell");
    }
  }

  static class Config {
    // tag::webflux-routes[]
    @Bean
    Operator files() {
      return Operator.of("fs:///srv/files");          // or memory:, s3://bucket/prefix?region=...
    }

    @Bean
    RouterFunction<ServerResponse> fileRoutes(Operator files) {
      return ObjectEndpoint.builder(files)
          .basePath("/files")                          // GET/HEAD/PUT/DELETE /files/{path}
          .writable(true)                              // read-only (405 for PUT/DELETE) unless turned on
          .build()
          .routes();
    }
    // end::webflux-routes[]
  }
}
