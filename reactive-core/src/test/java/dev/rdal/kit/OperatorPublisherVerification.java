package dev.rdal.kit;

import dev.rdal.Operator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.ITest;
import org.testng.annotations.AfterClass;
import reactor.core.publisher.Flux;

/**
 * The Reactive Streams TCK ({@link PublisherVerification}) over one stream of an operator: the body of a
 * {@link Operator#read(String) read} (one element per chunk), a {@link Operator#list(String) listing} (one
 * per entry) or a {@link Operator#deleteAll(org.reactivestreams.Publisher) deleteAll} (one result per
 * path). The objects a publisher of {@code n} elements needs are written when the TCK asks for it, under a
 * random directory of its own. A backend module extends it with a TestNG {@code @Factory} constructor fed
 * by a {@code @DataProvider} of streams and execution policies; the JUnit Platform runs the instances
 * through the TestNG engine, and Surefire counts every case.
 *
 * <p>Timeouts: a signal is awaited up to {@link #SIGNAL_TIMEOUT}; the TCK's checks that nothing more
 * arrives wait {@link #NO_SIGNAL_TIMEOUT}, which bounds the run's time and can only let a late stray
 * signal pass unseen, never fail a correct publisher.
 */
public abstract class OperatorPublisherVerification extends PublisherVerification<Object> implements ITest {

  /** How long the TCK waits for an expected signal. */
  public static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(10);

  /** How long the TCK waits to be sure no further signal comes. */
  public static final Duration NO_SIGNAL_TIMEOUT = Duration.ofMillis(50);

  /** The most elements a publisher of this verification emits; the TCK skips the cases that need more. */
  public static final long MAX_ELEMENTS = 64;

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The stream of an operator that is verified. */
  public enum Stream {
    /** The body of a read: one element per chunk. */
    READ,
    /** A listing of a directory: one element per entry. */
    LIST,
    /** A deleteAll: one result per path. */
    DELETE_ALL
  }

  private final String name;
  private final Supplier<Operator> operators;
  private final Stream stream;
  private final int chunkBytes;
  private final String base = "tck-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  private final Map<Long, String> written = new ConcurrentHashMap<>();
  private final AtomicInteger batches = new AtomicInteger();
  private Operator op;

  /**
   * A verification of one stream of the operators {@code operators} makes; a subclass calls it from its
   * TestNG {@code @Factory} constructor.
   *
   * @param name what is verified (backend, policy, stream), shown as the test name
   * @param operators makes the operator under test; called once, and the operator is closed after the
   *     verification's last case
   * @param stream the stream verified
   * @param chunkBytes the backend's read chunk size: a read of {@code n} elements reads {@code n} times that
   */
  protected OperatorPublisherVerification(String name, Supplier<Operator> operators, Stream stream, int chunkBytes) {
    super(new TestEnvironment(SIGNAL_TIMEOUT.toMillis(), NO_SIGNAL_TIMEOUT.toMillis(), 10));
    this.name = name;
    this.operators = operators;
    this.stream = stream;
    this.chunkBytes = chunkBytes;
  }

  private synchronized Operator op() {
    if (op == null) {
      op = operators.get();
    }
    return op;
  }

  /** Closes the operator after the verification's last case. */
  @AfterClass(alwaysRun = true)
  public synchronized void closeOperator() {
    if (op != null) {
      op.close();
      op = null;
    }
  }

  @Override
  public Publisher<Object> createPublisher(long elements) {
    int n = Math.toIntExact(elements);
    switch (stream) {
      case READ:
        return Flux.from(op().read(objectOf(n))).cast(Object.class);
      case LIST:
        return Flux.from(op().list(directoryOf(n))).cast(Object.class);
      default:
        return Flux.from(op().deleteAll(Flux.fromIterable(filesToDelete(n)))).cast(Object.class);
    }
  }

  @Override
  public Publisher<Object> createFailedPublisher() {
    switch (stream) {
      case READ:
        return Flux.from(op().read(base + "missing")).cast(Object.class);
      case LIST:
        return Flux.from(op().list(objectOf(1))).cast(Object.class); // a file: NOT_A_DIRECTORY
      default:
        return Flux.from(op().deleteAll(Flux.error(new IllegalStateException("the paths failed")))).cast(Object.class);
    }
  }

  @Override
  public long maxElementsFromPublisher() {
    return MAX_ELEMENTS;
  }

  @Override
  public String getTestName() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  /** An object of exactly {@code n} chunks, written once. */
  private String objectOf(int n) {
    return written.computeIfAbsent((long) n, k -> {
      String path = base + "read-" + n;
      op().write(path, new byte[n * chunkBytes]).block(WAIT);
      return path;
    });
  }

  /** A directory of exactly {@code n} files, written once. */
  private String directoryOf(int n) {
    return written.computeIfAbsent(-1L - n, k -> {
      String dir = base + "list-" + n + "/";
      Flux.range(0, n).flatMap(i -> op().write(dir + String.format("%04d", i), new byte[1]), 8).then().block(WAIT);
      return dir;
    });
  }

  /** {@code n} new files, for one deleteAll. */
  private List<String> filesToDelete(int n) {
    String dir = base + "delete-" + batches.incrementAndGet() + "/";
    List<String> paths = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      paths.add(dir + i);
    }
    Flux.fromIterable(paths).flatMap(p -> op().write(p, new byte[1]), 8).then().block(WAIT);
    return paths;
  }
}
