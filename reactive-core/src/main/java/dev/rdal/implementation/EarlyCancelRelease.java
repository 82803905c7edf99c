package dev.rdal.implementation;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * {@code subscribeOn} (with requests on the worker) for read bodies that hold a resource before they are
 * subscribed, such as a file a read opened when it was answered. A plain {@code subscribeOn} that is
 * cancelled before its worker subscribed the source never subscribes it at all, so the source never
 * learns of the cancel and its resource stays held (a discarded {@link dev.rdal.ReadResult} does exactly
 * this). Here such an early cancel claims the source and subscribes and cancels it on the scheduler, so
 * it releases at once; the worker's late subscription then finds it claimed and subscribes to nothing.
 * Every other signal passes as with {@code subscribeOn(scheduler, true)}.
 */
final class EarlyCancelRelease {

  private EarlyCancelRelease() {}

  static <T> Flux<T> subscribeOn(Flux<T> source, Scheduler scheduler) {
    return Flux.defer(() -> {
      AtomicBoolean claimed = new AtomicBoolean();
      Flux<T> once = Flux.defer(() -> claimed.compareAndSet(false, true) ? source : Flux.<T>empty());
      return once.subscribeOn(scheduler, true).doOnCancel(() -> {
        if (claimed.compareAndSet(false, true)) {
          Runnable release = () -> source.subscribe(new CancelAtOnce<T>());
          try {
            scheduler.schedule(release);
          } catch (RejectedExecutionException disposed) {
            release.run();
          }
        }
      });
    });
  }

  /** Cancels as soon as it is subscribed. */
  private static final class CancelAtOnce<T> extends BaseSubscriber<T> {
    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      subscription.cancel();
    }
  }
}
