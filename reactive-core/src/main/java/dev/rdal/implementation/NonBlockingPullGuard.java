package dev.rdal.implementation;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import dev.rdal.scheduler.NonBlockingThreads;

/**
 * Refuses pulls of a blocking source from a non-blocking thread: a {@code request(n)} made there cancels
 * the source and signals the given error instead of letting the source block the thread.
 */
final class NonBlockingPullGuard<T> implements CoreSubscriber<T>, Subscription {

  private final CoreSubscriber<? super T> actual;
  private final Supplier<? extends RuntimeException> error;
  private final AtomicBoolean terminated = new AtomicBoolean();
  private Subscription upstream;

  private NonBlockingPullGuard(CoreSubscriber<? super T> actual, Supplier<? extends RuntimeException> error) {
    this.actual = actual;
    this.error = error;
  }

  static <T> Flux<T> guard(Flux<T> source, Supplier<? extends RuntimeException> error) {
    java.util.function.Function<? super org.reactivestreams.Publisher<T>, ? extends org.reactivestreams.Publisher<T>> lift =
        Operators.<T, T>lift((scannable, sub) -> new NonBlockingPullGuard<T>(sub, error));
    // hidden: a fuseable source would make the lifted flux fuseable, and a fused downstream expects a
    // queue subscription (and would drain the source without calling request)
    return Flux.from(lift.apply(source.hide()));
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
    actual.onNext(t);
  }

  @Override
  public void onError(Throwable t) {
    if (terminated.compareAndSet(false, true)) {
      actual.onError(t);
    }
  }

  @Override
  public void onComplete() {
    if (terminated.compareAndSet(false, true)) {
      actual.onComplete();
    }
  }

  @Override
  public void request(long n) {
    if (NonBlockingThreads.isCurrentThreadNonBlocking()) {
      upstream.cancel();
      if (terminated.compareAndSet(false, true)) {
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
  public reactor.util.context.Context currentContext() {
    return actual.currentContext();
  }
}
