package dev.rdal.kit;

import dev.rdal.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The behavior-test kit: one JUnit 5 suite that every backend runs against a real instance of its store.
 * A backend module extends this class and supplies {@link #createOperator()}:
 *
 * <pre>{@code
 * class MemoryKitTest extends BehaviorKit {
 *   protected Operator createOperator() { return Operator.of("memory:"); }
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> The kit runs with {@link TestInstance.Lifecycle#PER_CLASS}: {@link #createOperator()}
 * is called once per concrete kit class, before its first case, and that one operator is shared by every
 * case of every category; the kit closes it after the last case. A few lifecycle cases (calls after
 * close) call {@link #createOperator()} again for an operator of their own, and close it too.
 *
 * <p><b>Isolation.</b> Every case works in a fresh directory {@code kit-<random>/} below the operator's
 * root, so cases never see each other's objects, and the directory is deleted (best effort) after the
 * case.
 *
 * <p><b>Capabilities.</b> A case that needs a {@link dev.rdal.Capability} the backend lacks is reported
 * as skipped, with a reason naming the capability; it never passes silently.
 *
 * <p><b>Categories.</b> The cases are grouped in nested classes, one per category (read, range,
 * positional read, write, stat, list, delete, copy, rename, create-dir, paths, path limits, reactive
 * contracts and lifecycle). JUnit discovers them through the subclass, in whatever module it lives. Each nested class
 * only binds its category's cases (in {@code *Cases} classes of this package) to this kit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BehaviorKit {

  /** The default of {@link #maxReadAheadBytes()}: four 1 MiB chunks, the prefetch the design settled on. */
  public static final long DEFAULT_MAX_READ_AHEAD_BYTES = 4L << 20;

  private final List<Operator> operators = new ArrayList<>();
  private Operator shared;

  /**
   * Creates the operator under test. Called once per concrete kit class for the operator all cases share
   * (see the class comment), and once more by each case that must close an operator of its own. The kit
   * closes every operator it gets.
   */
  protected abstract Operator createOperator() throws Exception;

  /**
   * A count of open resources of the store under test (open file descriptors, connections, handles),
   * which the kit compares before a read or reader and after it is cancelled or closed; -1 when the
   * backend does not measure it, which skips the cases that need it with that reason.
   */
  protected long openResourceCount() {
    return -1;
  }

  /**
   * How many bytes the backend (with its operator's delivery) may produce beyond what the subscriber
   * requested; the backpressure case checks that a body after {@code request(1)} produced no more than
   * one buffer plus this many bytes. Defaults to {@link #DEFAULT_MAX_READ_AHEAD_BYTES}.
   */
  protected long maxReadAheadBytes() {
    return DEFAULT_MAX_READ_AHEAD_BYTES;
  }

  /**
   * Whether the store can hold a file or directory named {@code name} (one path segment). The path cases
   * round-trip only the names it can hold, and check that every other name of their lists fails with
   * {@link dev.rdal.ErrorKind#INVALID_INPUT} on write, leaving nothing behind. Defaults to true for every
   * name; a store with a documented character restriction (HDFS refuses {@code :} in names) overrides it.
   *
   * @param name one path segment
   * @return whether a write of a file with this name can succeed
   */
  protected boolean storesName(String name) {
    return true;
  }

  /** The behaviour name of the listing-order case, for {@link #storeLimitations()}. */
  public static final String UTF8_LISTING_ORDER = "utf8-listing-order";

  /**
   * Behaviours the store under test cannot show although the backend implements them (a stand-in server
   * that is more lenient than the real service), each with the reason and where else it is tested; the
   * cases of those behaviours are skipped with that reason. Keys are the constants of this class, such as
   * {@link #UTF8_LISTING_ORDER}. Empty by default.
   *
   * @return reasons by behaviour name
   */
  protected java.util.Map<String, String> storeLimitations() {
    return java.util.Map.of();
  }

  /**
   * Whether a thread belongs to a pool shared beyond one operator, which may start while an operator is
   * open and rightly outlive it: Reactor's and rdal's global schedulers, the JDK's and Netty's cleaners. The
   * lifecycle case that counts the threads an operator leaves behind ignores these. A kit class whose test
   * store runs threads in the same JVM adds the store's.
   *
   * @param thread a live thread
   * @return true when the thread may outlive a closed operator
   */
  protected boolean isSharedThread(Thread thread) {
    String n = thread.getName();
    return n.startsWith("boundedElastic-") || n.startsWith("parallel-") || n.startsWith("single-")
        || n.startsWith("rdal-global-") || n.startsWith("ObjectCleanerThread") || n.startsWith("Common-Cleaner")
        || n.startsWith("process reaper") || n.startsWith("ForkJoinPool") || n.startsWith("globalEventExecutor")
        || n.startsWith("Attach Listener") || n.startsWith("junit-");
  }

  @BeforeAll
  final void openSharedOperator() throws Exception {
    shared = newOperator();
  }

  @AfterAll
  final void closeOperators() {
    synchronized (operators) {
      for (Operator op : operators) {
        op.close();
      }
      operators.clear();
    }
  }

  /** The operator every case shares. */
  final Operator operator() {
    if (shared == null) {
      throw new IllegalStateException("the kit's operator is not open");
    }
    return shared;
  }

  /** A new operator from {@link #createOperator()}, closed by the kit after the last case. */
  final Operator newOperator() throws Exception {
    Operator op = createOperator();
    if (op == null) {
      throw new IllegalStateException(getClass().getName() + ".createOperator() returned null");
    }
    synchronized (operators) {
      operators.add(op);
    }
    return op;
  }

  /** A fresh directory name for one case: {@code kit-<random>/}. */
  static String freshDirectory() {
    return "kit-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "/";
  }

  final long resources() {
    return openResourceCount();
  }

  final boolean canStore(String name) {
    return storesName(name);
  }

  final long readAhead() {
    return maxReadAheadBytes();
  }

  @Nested
  @DisplayName("read")
  class Read extends ReadCases {
    Read() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("range")
  class Range extends RangeCases {
    Range() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("positional read")
  class PositionalRead extends PositionalReadCases {
    PositionalRead() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("write")
  class Write extends WriteCases {
    Write() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("stat")
  class Stat extends StatCases {
    Stat() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("list")
  class Listing extends ListCases {
    Listing() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("delete")
  class Delete extends DeleteCases {
    Delete() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("copy")
  class Copy extends CopyCases {
    Copy() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("rename")
  class Rename extends RenameCases {
    Rename() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("create-dir")
  class CreateDir extends CreateDirCases {
    CreateDir() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("paths")
  class PathRules extends PathCases {
    PathRules() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("path limits")
  class PathLimits extends PathLimitCases {
    PathLimits() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("reactive contracts")
  class Reactive extends ReactiveCases {
    Reactive() {
      super(BehaviorKit.this);
    }
  }

  @Nested
  @DisplayName("lifecycle")
  class Lifecycle extends LifecycleCases {
    Lifecycle() {
      super(BehaviorKit.this);
    }
  }
}
