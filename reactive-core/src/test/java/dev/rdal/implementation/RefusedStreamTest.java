package dev.rdal.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.kit.DroppedSignals;
import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * A blocking backend's stream refused on a non-blocking thread (external policy called from a parallel
 * worker, or a custom policy on a non-blocking scheduler) ends with exactly one {@code CONFIG_INVALID}
 * error, does no IO, and leaves nothing for Reactor to drop.
 */
@ExtendWith(DroppedSignals.class)
class RefusedStreamTest {

  private static final Duration T = Duration.ofSeconds(10);

  @TempDir Path dir;

  static Stream<Arguments> refusedStreams() {
    Function<Operator, Publisher<?>> list = op -> op.list("/");
    Function<Operator, Publisher<?>> deleteAll = op -> op.deleteAll(Flux.just("f", "g"));
    Function<Operator, Publisher<?>> read = op -> op.read("f");
    return Stream.of(
        Arguments.of("external", "list", ExecutionPolicy.external(), list),
        Arguments.of("external", "deleteAll", ExecutionPolicy.external(), deleteAll),
        Arguments.of("external", "read", ExecutionPolicy.external(), read),
        Arguments.of("custom(parallel)", "list", ExecutionPolicy.custom(Schedulers.parallel()), list),
        Arguments.of("custom(parallel)", "deleteAll", ExecutionPolicy.custom(Schedulers.parallel()), deleteAll),
        Arguments.of("custom(parallel)", "read", ExecutionPolicy.custom(Schedulers.parallel()), read));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refusedStreams")
  void aRefusedStreamSignalsItsErrorOnce(String policyName, String opName, ExecutionPolicy policy,
      Function<Operator, Publisher<?>> call) {
    RecordingFileBackend backend = new RecordingFileBackend(dir);
    backend.put("f", RecordingFileBackend.content(10));
    List<String> signals = new CopyOnWriteArrayList<>();
    Sinks.Empty<Void> ended = Sinks.empty();
    try (Operator op = Operator.builder(backend).executionPolicy(policy).build()) {
      Mono.fromRunnable(() -> call.apply(op).subscribe(new Recorder(signals, ended)))
          .subscribeOn(Schedulers.parallel())
          .then(ended.asMono())
          .block(T);
      assertThat(signals).as("signals of %s under %s", opName, policyName)
          .hasSize(1)
          .allSatisfy(s -> assertThat(s).startsWith("onError CONFIG_INVALID"));
      assertThat(backend.readThreads).isEmpty();
      assertThat(backend.openHandles.get()).isZero();
    }
  }

  /** Records every signal as text, requesting everything at once. */
  private static final class Recorder implements Subscriber<Object> {
    private final List<String> signals;
    private final Sinks.Empty<Void> ended;

    Recorder(List<String> signals, Sinks.Empty<Void> ended) {
      this.signals = signals;
      this.ended = ended;
    }

    @Override
    public void onSubscribe(Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Object o) {
      signals.add("onNext " + o);
    }

    @Override
    public void onError(Throwable t) {
      signals.add("onError " + (t instanceof RdalException ? ((RdalException) t).kind() : ErrorKind.UNEXPECTED) + " " + t);
      ended.tryEmitEmpty();
    }

    @Override
    public void onComplete() {
      signals.add("onComplete");
      ended.tryEmitEmpty();
    }
  }
}
