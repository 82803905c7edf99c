package dev.rdal.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Named stores become a StoreRegistry and one Operator bean each; the user's beans win. */
class StoreBeansTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RdalAutoConfiguration.class));

  @Test
  void oneStoreIsAnOperatorBeanNamedAfterItAndPrimary(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("hello.txt"), "hello");
    runner.withPropertyValues("rdal.stores.docs.uri=fs://" + dir.toUri().getPath())
        .run(context -> {
          assertThat(context).hasNotFailed();
          Operator docs = context.getBean("docs", Operator.class);
          assertThat(context.getBean(Operator.class)).isSameAs(docs);
          assertThat(docs.scheme()).isEqualTo("fs");
          assertThat(new String(docs.readAllBytes("hello.txt").block(Duration.ofSeconds(10)), StandardCharsets.UTF_8))
              .isEqualTo("hello");
          StoreRegistry registry = context.getBean(StoreRegistry.class);
          assertThat(registry.names()).containsExactly("docs");
          assertThat(registry.defaultName()).contains("docs");
          assertThat(registry.operator("docs")).isSameAs(docs);
        });
  }

  @Test
  void closingTheContextClosesEveryStore() {
    Operator[] seen = new Operator[2];
    runner.withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.b.uri=memory:")
        .run(context -> {
          seen[0] = context.getBean("a", Operator.class);
          seen[1] = context.getBean("b", Operator.class);
          assertThat(seen[0].isClosed()).isFalse();
        });
    assertThat(seen[0].isClosed()).isTrue();
    assertThat(seen[1].isClosed()).isTrue();
  }

  @Test
  void theDefaultStoreIsPrimaryAmongSeveral() {
    runner.withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.b.uri=memory:", "rdal.default-store=b")
        .run(context -> {
          assertThat(context.getBean(Operator.class)).isSameAs(context.getBean("b"));
          assertThat(context.getBean(StoreRegistry.class).defaultStore()).isSameAs(context.getBean("b"));
          assertThat(context.getBeansOfType(Operator.class)).containsOnlyKeys("a", "b");
        });
  }

  @Test
  void severalStoresWithoutADefaultHaveNoPrimary() {
    runner.withPropertyValues("rdal.stores.a.uri=memory:", "rdal.stores.b.uri=memory:")
        .run(context -> {
          assertThat(context.getBean(StoreRegistry.class).defaultName()).isEmpty();
          assertThat(context.getBeanProvider(Operator.class).getIfUnique()).isNull();
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getBean(Operator.class))
              .isInstanceOf(NoUniqueBeanDefinitionException.class);
        });
  }

  @Test
  void noStoresGiveAnEmptyRegistryAndNoOperator() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(StoreRegistry.class);
      assertThat(context).doesNotHaveBean(Operator.class);
      assertThat(context.getBean(StoreRegistry.class).names()).isEmpty();
    });
  }

  @Test
  void unknownStoreNamesAreATypedError() {
    runner.withPropertyValues("rdal.stores.a.uri=memory:").run(context -> {
      StoreRegistry registry = context.getBean(StoreRegistry.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.operator("nope"))
          .isInstanceOf(UnknownStoreException.class)
          .hasMessageContaining("'nope'").hasMessageContaining("[a]");
    });
  }

  @Test
  void policiesComeFromProperties() {
    runner.withPropertyValues("rdal.stores.g.uri=memory:", "rdal.stores.g.policy=global",
            "rdal.stores.d.uri=memory:", "rdal.stores.d.policy=dedicated", "rdal.stores.d.threads=3",
            "rdal.stores.e.uri=memory:", "rdal.stores.e.policy=external",
            "rdal.stores.unset.uri=memory:")
        .run(context -> {
          assertThat(context.getBean("g", Operator.class).executionPolicy()).isEqualTo(ExecutionPolicy.global());
          assertThat(context.getBean("e", Operator.class).executionPolicy()).isEqualTo(ExecutionPolicy.external());
          ExecutionPolicy dedicated = context.getBean("d", Operator.class).executionPolicy();
          assertThat(dedicated.kind()).isEqualTo(ExecutionPolicy.Kind.DEDICATED);
          assertThat(dedicated.threads()).isEqualTo(3);
          // memory is non-blocking: its default policy is external
          assertThat(context.getBean("unset", Operator.class).executionPolicy()).isEqualTo(ExecutionPolicy.external());
        });
  }

  @Test
  void backendConfigComesFromTheUriAndTheConfigMap(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(sub.resolve("x.txt"), "x");
    // the config map overrides the URI's root
    runner.withPropertyValues("rdal.stores.docs.uri=fs://" + dir.toUri().getPath(),
            "rdal.stores.docs.config.root=" + sub)
        .run(context -> assertThat(context.getBean("docs", Operator.class).exists("x.txt").block(Duration.ofSeconds(10)))
            .isTrue());
  }

  @Test
  void aUserOperatorBeanOfAStoresNameWins() {
    runner.withUserConfiguration(UserOperator.class)
        .withPropertyValues("rdal.stores.docs.uri=fs:///nonexistent-but-unused", "rdal.stores.docs.policy=global")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean("docs")).isSameAs(context.getBean(UserOperator.class).op);
        });
  }

  @Test
  void aUserPrimaryOperatorStaysPrimary() {
    runner.withUserConfiguration(UserPrimaryOperator.class)
        .withPropertyValues("rdal.stores.docs.uri=memory:")
        .run(context -> {
          assertThat(context.getBean(Operator.class)).isSameAs(context.getBean("mine"));
          assertThat(context.getBean("docs", Operator.class).scheme()).isEqualTo("memory");
        });
  }

  @Test
  void aUserStoreRegistryReplacesTheStores() {
    runner.withUserConfiguration(UserRegistry.class)
        .withPropertyValues("rdal.stores.docs.uri=memory:")
        .run(context -> {
          assertThat(context).hasSingleBean(StoreRegistry.class);
          assertThat(context.getBean(StoreRegistry.class).names()).containsExactly("own");
          assertThat(context).doesNotHaveBean("docs");
        });
  }

  @Test
  void customizersAndInstrumentationsAreApplied() {
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    runner.withBean(OperatorCustomizer.class, () -> (store, builder) -> calls.add("customize " + store))
        .withBean(StoreInstrumentation.class, () -> store -> {
          calls.add("layers " + store);
          return List.of();
        })
        .withPropertyValues("rdal.stores.docs.uri=memory:")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(calls).containsExactly("layers docs", "customize docs");
        });
  }

  @Configuration(proxyBeanMethods = false)
  static class UserOperator {
    final Operator op = Operator.of("memory:");

    @Bean
    Operator docs() {
      return op;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserPrimaryOperator {
    @Bean
    @Primary
    Operator mine() {
      return Operator.of("memory:");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserRegistry {
    @Bean
    StoreRegistry myRegistry() {
      return new StoreRegistry(java.util.Map.of("own", Operator.of("memory:")), "own");
    }
  }
}
