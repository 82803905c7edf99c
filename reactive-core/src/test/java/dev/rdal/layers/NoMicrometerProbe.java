package dev.rdal.layers;

import dev.rdal.Operator;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import reactor.core.scheduler.Schedulers;

/**
 * Runs an operator with every layer but metrics; {@link OptionalMicrometerTest} loads it in a class
 * loader that has no Micrometer. Public so that loader can instantiate it.
 */
public final class NoMicrometerProbe implements Supplier<String> {

  @Override
  public String get() {
    try (Operator op = Operator.builder(new MemoryBackend())
        .executionPolicy(ExecutionPolicy.custom(Schedulers.immediate()))
        .layer(Layers.logging())
        .layer(Layers.concurrencyLimit(4))
        .layer(Layers.retry())
        .layer(Layers.timeout(null, null))
        .layer(Layers.throttle(1L << 30))
        .layer(Layers.faults(FaultPolicy.none(1)))
        .build()) {
      op.write("a", "layers without micrometer".getBytes(StandardCharsets.UTF_8)).block();
      return new String(op.readAllBytes("a").block(), StandardCharsets.UTF_8);
    } finally {
      Schedulers.shutdownNow();
    }
  }
}
