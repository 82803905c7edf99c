package dev.rdal.implementation;

import dev.rdal.scheduler.NonBlockingThreads;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Refuses pulls of a blocking source from a non-blocking thread: a {@code request(n)} made on a Reactor
 * non-blocking worker or a Netty event loop cancels the source and signals the given error instead of
 * letting the source read (and block) there. Pulls from any other thread pass through unchanged.
 *
 * <p>Never fuses, so every pull really goes through {@link #request}: a fused downstream would drain the
 * source without calling it.
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
    source.subscribe(new GuardSubscriber<>(actual, error));
  }

  private static final class GuardSubscriber<T> implements CoreSubscriber<T>, Subscription {

    private final CoreSubscriber<? super T> actual;
    private final Supplier<? extends RuntimeException> error;
    private Subscription upstream;
    private volatile boolean done;

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
      if (done) {
        Operators.onDiscard(t, actual.currentContext());
        return;
      }
      actual.onNext(t);
    }

    @Override
    public void onError(Throwable t) {
      if (done) {
        Operators.onErrorDropped(t, actual.currentContext());
        return;
      }
      done = true;
      actual.onError(t);
    }

    @Override
    public void onComplete() {
      if (!done) {
        done = true;
        actual.onComplete();
      }
    }

    @Override
    public void request(long n) {
      if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
        upstream.cancel();
        if (!done) {
          done = true;
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
