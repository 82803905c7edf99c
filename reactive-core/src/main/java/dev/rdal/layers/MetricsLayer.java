package dev.rdal.layers;

import dev.rdal.ByteRange;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import dev.rdal.spi.Backend;
import dev.rdal.spi.Layer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * Reports every operation to a Micrometer {@link MeterRegistry}. The only class of rdal that uses
 * Micrometer, which is an optional dependency: nothing else loads it.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #OPERATIONS}</td><td>timer</td><td>backend, operation, outcome, error</td>
 *       <td>one sample per operation; a read lasts until its body completes, fails or is cancelled.
 *       {@code outcome} is {@code success}, {@code error} or {@code cancelled}; {@code error} is the
 *       {@link ErrorKind} name, or {@code none}</td></tr>
 *   <tr><td>{@value #ACTIVE}</td><td>long task timer</td><td>backend, operation</td>
 *       <td>operations in flight (its {@code active tasks} value) and how long they have run</td></tr>
 *   <tr><td>{@value #BYTES_READ}</td><td>counter (bytes)</td><td>backend</td>
 *       <td>body bytes delivered by reads, counted when each read ends</td></tr>
 *   <tr><td>{@value #BYTES_WRITTEN}</td><td>counter (bytes)</td><td>backend</td>
 *       <td>body bytes of writes that succeeded</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>backend, operation, error</td>
 *       <td>retries made by a {@link RetryLayer} given {@link #retryListener()}</td></tr>
 * </table>
 *
 * <p>Placed outside a {@link RetryLayer} it measures calls as the caller sees them (a retried call is one
 * sample, its duration includes the backoffs); placed inside, it measures each attempt.
 *
 * <p>Threads: meters are updated on whatever thread signals; nothing blocks. Signals, backpressure and
 * cancellation pass through unchanged, and so do capabilities.
 */
public final class MetricsLayer implements Layer {

  /** Timer per operation. */
  public static final String OPERATIONS = "rdal.operations";
  /** Long task timer of operations in flight. */
  public static final String ACTIVE = "rdal.operations.active";
  /** Counter of bytes read. */
  public static final String BYTES_READ = "rdal.bytes.read";
  /** Counter of bytes written. */
  public static final String BYTES_WRITTEN = "rdal.bytes.written";
  /** Counter of retries. */
  public static final String RETRIES = "rdal.retries";

  private final MeterRegistry registry;

  /**
   * A layer publishing the meters of the class comment to {@code registry}.
   *
   * @param registry where the meters go
   */
  public MetricsLayer(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * A listener for {@link RetryPolicy#withListener} that counts retries in {@value #RETRIES}.
   *
   * @return a listener counting retries in {@code rdal.retries}
   */
  public RetryListener retryListener() {
    return e -> registry.counter(RETRIES, "backend", e.backend(), "operation", e.operation(),
        "error", e.kind().name()).increment();
  }

  @Override
  public Backend wrap(Backend inner) {
    return new Metered(inner);
  }

  private final class Metered extends ObservingBackend {
    private final Counter bytesRead;
    private final Counter bytesWritten;

    Metered(Backend inner) {
      super(inner);
      bytesRead = Counter.builder(BYTES_READ).tag("backend", inner.scheme()).baseUnit(BaseUnits.BYTES)
          .description("body bytes delivered by reads").register(registry);
      bytesWritten = Counter.builder(BYTES_WRITTEN).tag("backend", inner.scheme()).baseUnit(BaseUnits.BYTES)
          .description("body bytes of successful writes").register(registry);
    }

    @Override
    Observation begin(String operation, String path, ByteRange range) {
      String backend = inner.scheme();
      LongTaskTimer.Sample active = LongTaskTimer.builder(ACTIVE)
          .tags("backend", backend, "operation", operation)
          .description("operations in flight").register(registry).start();
      Timer.Sample sample = Timer.start(registry);
      return new Observation() {
        @Override
        protected void ended(Outcome outcome, Throwable error) {
          active.stop();
          String kind = error == null ? "none"
              : error instanceof RdalException ? ((RdalException) error).kind().name() : ErrorKind.UNEXPECTED.name();
          sample.stop(Timer.builder(OPERATIONS)
              .tags("backend", backend, "operation", operation, "outcome", outcome.tag(), "error", kind)
              .description("storage operations").register(registry));
          if ("read".equals(operation)) {
            bytesRead.increment(bytes());
          } else if ("write".equals(operation)) {
            bytesWritten.increment(bytes());
          }
        }
      };
    }
  }

  @Override
  public String toString() {
    return "MetricsLayer";
  }
}
