package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.spring.webflux.ObjectEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The object endpoint is switched on by rdal.web.stores in a reactive web application. */
class WebEndpointTest {

  private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class, RdalWebAutoConfiguration.class))
      .withPropertyValues("rdal.stores.docs.uri=memory:", "rdal.stores.other.uri=memory:", "rdal.default-store=docs");

  @SuppressWarnings("unchecked")
  private static WebTestClient client(org.springframework.context.ApplicationContext context) {
    return WebTestClient.bindToRouterFunction(context.getBean("rdalObjectEndpoints", RouterFunction.class)).build();
  }

  @Test
  void aListedStoreIsServedUnderTheBasePathAndItsName() {
    runner.withPropertyValues("rdal.web.stores=docs", "rdal.web.base-path=/files/").run(context -> {
      context.getBean("docs", Operator.class).write("a/hello.txt", "hello".getBytes()).block(Duration.ofSeconds(10));
      client(context).get().uri("/files/docs/a/hello.txt").header("Range", "bytes=1-3").exchange()
          .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
          .expectHeader().valueEquals("Content-Range", "bytes 1-3/5")
          .expectBody(String.class).isEqualTo("ell");
      client(context).get().uri("/files/other/a/hello.txt").exchange().expectStatus().isNotFound();
    });
  }

  @Test
  void readOnlyByDefault() {
    runner.withPropertyValues("rdal.web.stores=docs").run(context -> {
      client(context).put().uri("/objects/docs/x.txt").bodyValue("x").exchange()
          .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
      assertThat(context.getBean("docs", Operator.class).exists("x.txt").block(Duration.ofSeconds(10))).isFalse();
    });
  }

  @Test
  void writableAcceptsPuts() {
    runner.withPropertyValues("rdal.web.stores=docs,other", "rdal.web.writable=true").run(context -> {
      client(context).put().uri("/objects/other/x.txt").bodyValue("written").exchange()
          .expectStatus().is2xxSuccessful();
      assertThat(new String(context.getBean("other", Operator.class).readAllBytes("x.txt").block(Duration.ofSeconds(10))))
          .isEqualTo("written");
    });
  }

  @Test
  void noListedStoreMeansNoEndpoint() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean("rdalObjectEndpoints");
    });
  }

  @Test
  void outsideAReactiveWebApplicationThereIsNoEndpoint() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class, RdalWebAutoConfiguration.class))
        .withPropertyValues("rdal.stores.docs.uri=memory:", "rdal.web.stores=docs")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean("rdalObjectEndpoints");
        });
  }

  @Test
  void withoutTheWebfluxModuleThereIsNoEndpoint() {
    runner.withClassLoader(new FilteredClassLoader(ObjectEndpoint.class))
        .withPropertyValues("rdal.web.stores=docs")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean("rdalObjectEndpoints");
        });
  }

  @Test
  void anUnknownServedStoreFailsNamingTheListEntry() {
    runner.withPropertyValues("rdal.web.stores=docs,nope").run(context -> {
      StoreConfigurationException e = BadStorePropertiesTest.findCause(context.getStartupFailure(),
          StoreConfigurationException.class);
      assertThat(e.property()).isEqualTo("rdal.web.stores[1]");
      assertThat(e.getMessage()).contains("no store is named 'nope'");
    });
  }

  @Test
  void aStoreListedTwiceFails() {
    runner.withPropertyValues("rdal.web.stores=docs,docs").run(context -> {
      StoreConfigurationException e = BadStorePropertiesTest.findCause(context.getStartupFailure(),
          StoreConfigurationException.class);
      assertThat(e.property()).isEqualTo("rdal.web.stores[1]");
    });
  }

  @Test
  void aRelativeBasePathFails() {
    runner.withPropertyValues("rdal.web.stores=docs", "rdal.web.base-path=files").run(context -> {
      StoreConfigurationException e = BadStorePropertiesTest.findCause(context.getStartupFailure(),
          StoreConfigurationException.class);
      assertThat(e.property()).isEqualTo("rdal.web.base-path");
    });
  }

  @Test
  void aUserRouterOfTheSameNameWins() {
    RouterFunction<ServerResponse> mine = RouterFunctions.route().GET("/mine", r -> ServerResponse.ok().build()).build();
    runner.withPropertyValues("rdal.web.stores=docs")
        .withBean("rdalObjectEndpoints", RouterFunction.class, () -> mine)
        .run(context -> assertThat(context.getBean("rdalObjectEndpoints")).isSameAs(mine));
  }
}
