package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import reactor.core.publisher.Flux;

/** Micrometer is optional: without it on the class path, every layer but metrics loads and works. */
class OptionalMicrometerTest {

  private static URL where(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }

  @Test
  void layersWorkWithoutMicrometer() throws Exception {
    URL[] path = {
        where(Operator.class), where(ExecutionPolicy.class), where(NoMicrometerProbe.class),
        where(Flux.class), where(Publisher.class), where(Logger.class)};
    try (URLClassLoader isolated = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, isolated))
          .isInstanceOf(ClassNotFoundException.class);

      Class<?> probe = Class.forName(NoMicrometerProbe.class.getName(), true, isolated);
      assertThat(probe.getClassLoader()).isSameAs(isolated);
      @SuppressWarnings("unchecked")
      Supplier<String> run = (Supplier<String>) probe.getDeclaredConstructor().newInstance();
      assertThat(run.get()).isEqualTo("layers without micrometer");

      // the facade loads and can be reflected upon; only MetricsLayer needs Micrometer
      Class<?> layers = Class.forName(Layers.class.getName(), true, isolated);
      assertThat(layers.getMethods()).isNotEmpty();
      assertThat(layers.getMethod("retry").invoke(null)).isNotNull();
      assertThatThrownBy(() -> Class.forName(MetricsLayer.class.getName(), true, isolated).getConstructors())
          .isInstanceOf(NoClassDefFoundError.class);
    }
  }
}
