package dev.rdal.implementation;

import dev.rdal.scheduler.NonBlockingThreads;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Refuses a blocking source on a non-blocking thread, with exactly one terminal signal. A subscription
 * made on a Reactor non-blocking worker or a Netty event loop never reaches the source: the subscriber gets
 * the given error at once. A {@code request(n)} made on such a thread cancels the source and signals the
 * error instead of letting the source read (and block) there. Subscriptions and pulls from any other
 * thread pass through unchanged.
 *
 * <p>This guard is the only place a stream is refused, so the subscriber sees one error and nothing after
 * it (Reactive Streams rule 1.7): once the guard has signalled its refusal, whatever the cancelled source
 * still signals — the end of a read already under way, an error caused by the cancel — is the cancel's
 * consequence and is discarded quietly, not reported as a dropped error. Signals to the subscriber are
 * serialised, since a refused pull may come from another thread than the one the source emits on.
 *
 * <p>Never fuses, so every pull really goes through {@link GuardSubscriber#request}: a fused downstream
 * would drain the source without calling it.
 */
final class NonBlockingPullGuard<T> extends FluxOperator<T, T> {

  private final Supplier<? extends RuntimeException> error;

  private NonBlockingPullGuard(Flux<? extends T> source, Supplier<? extends RuntimeException> error) {
    super(source);
    this.error = error;
  }

  static <T> Flux<T> guard(Flux<T> source, Supplier<? extends RuntimeException> error) {
    return new NonBlockingPullGuard<>(source, error);
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
      Operators.error(actual, error.get());
      return;
    }
    source.subscribe(new GuardSubscriber<>(Operators.serialize(actual), error));
  }

  private static final class GuardSubscriber<T> implements CoreSubscriber<T>, Subscription {

    private final CoreSubscriber<? super T> actual;
    private final Supplier<? extends RuntimeException> error;
    private final AtomicBoolean done = new AtomicBoolean();
    private Subscription upstream;

    GuardSubscriber(CoreSubscriber<? super T> actual, Supplier<? extends RuntimeException> error) {
      this.actual = actual;
      this.error = error;
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (Operators.validate(upstream, s)) {
        upstream = s;
        actual.onSubscribe(this);
      }
    }

    @Override
    public void onNext(T t) {
      if (done.get()) {
        Operators.onDiscard(t, actual.currentContext());
        return;
      }
      actual.onNext(t);
    }

    @Override
    public void onError(Throwable t) {
      if (done.compareAndSet(false, true)) {
        actual.onError(t);
      }
      // else: the source failed after this guard refused a pull and cancelled it: the cancel's echo
    }

    @Override
    public void onComplete() {
      if (done.compareAndSet(false, true)) {
        actual.onComplete();
      }
    }

    @Override
    public void request(long n) {
      if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
        upstream.cancel();
        if (done.compareAndSet(false, true)) {
          actual.onError(error.get());
        }
        return;
      }
      upstream.request(n);
    }

    @Override
    public void cancel() {
      upstream.cancel();
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }
  }
}
