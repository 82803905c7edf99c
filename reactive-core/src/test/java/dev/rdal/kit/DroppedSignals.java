package dev.rdal.kit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Hooks;

/**
 * Fails a test during which Reactor dropped a signal: an error or an element that reached
 * {@code Operators.onErrorDropped} or {@code Operators.onNextDropped} because its publisher had already
 * terminated (a breach of Reactive Streams rule 1.7 that users see as an ERROR log line). The kit registers
 * it for every case; other tests may add it with {@code @ExtendWith(DroppedSignals.class)}.
 *
 * <p>Reactor's drop hooks are global, so the hooks are installed when the first test that uses this
 * extension starts and reset when the last one running ends, never while another such test runs: tests run
 * in parallel share one installation. Each test is failed by every drop recorded between its start and its
 * end; under parallel execution that may include a drop caused by a test running at the same time, which
 * fails too rather than letting the drop pass unseen.
 */
public final class DroppedSignals implements BeforeEachCallback, AfterEachCallback {

  private static final Object LOCK = new Object();
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DroppedSignals.class);
  /** Tests using the hooks right now; guarded by {@link #LOCK}. */
  private static int running;
  /** Every drop since the hooks were installed; guarded by {@link #LOCK}. */
  private static final List<Throwable> DROPS = new ArrayList<>();

  /** Creates the extension; JUnit does so for {@code @ExtendWith}. */
  public DroppedSignals() {
    // stateless: the record of drops is shared by every instance, as the hooks are
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    synchronized (LOCK) {
      if (running++ == 0) {
        Hooks.onErrorDropped(DroppedSignals::errorDropped);
        Hooks.onNextDropped(DroppedSignals::nextDropped);
      }
      context.getStore(NAMESPACE).put(context.getUniqueId(), DROPS.size());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<Throwable> seen;
    synchronized (LOCK) {
      int from = context.getStore(NAMESPACE).remove(context.getUniqueId(), Integer.class);
      seen = new ArrayList<>(DROPS.subList(from, DROPS.size()));
      if (--running == 0) {
        Hooks.resetOnErrorDropped();
        Hooks.resetOnNextDropped();
        DROPS.clear();
      }
    }
    if (!seen.isEmpty()) {
      AssertionError failure = new AssertionError(seen.size() + " signal(s) dropped by Reactor during "
          + context.getDisplayName() + ", the first: " + seen.get(0).getMessage(), seen.get(0));
      seen.subList(1, seen.size()).forEach(failure::addSuppressed);
      throw failure;
    }
  }

  /**
   * Records a dropped error that an rdal operator signalled: an {@link dev.rdal.RdalException}, which only
   * rdal's own operators make, dropped because its subscriber had already terminated or cancelled — a
   * second terminal signal. Late failures of client calls that a cancel abandoned (a future that fails
   * after its Mono was cancelled, an IO call interrupted by the cancel, a publishOn hop's rejected late
   * completion) are dropped by Reactor itself, as Reactive Streams allows after a cancel (§1.8), and are
   * not counted here.
   */
  private static void errorDropped(Throwable error) {
    if (!(error instanceof dev.rdal.RdalException)) {
      return;
    }
    synchronized (LOCK) {
      DROPS.add(new AssertionError("error dropped: " + error, error));
    }
  }

  private static void nextDropped(Object element) {
    synchronized (LOCK) {
      DROPS.add(new AssertionError("element dropped: " + element));
    }
  }
}
