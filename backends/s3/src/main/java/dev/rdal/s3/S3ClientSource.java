package dev.rdal.s3;

import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.ExecutionScope;
import dev.rdal.scheduler.NonBlockingThreads;
import dev.rdal.scheduler.RdalSchedulers;
import dev.rdal.scheduler.WorkerLocal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.utils.ThreadFactoryBuilder;

/**
 * The {@link S3AsyncClient} a request is issued with: one shared client, or, with {@code client_per_worker},
 * one client per worker thread of the operator's execution policy.
 *
 * <p><b>Per-worker clients</b> live in the scope's {@link WorkerLocal} slot: a worker's client is created on
 * that worker's first request and closed when the worker ends (an idle worker is evicted) or when this
 * source closes. They are only handed out on the policy's own worker threads: the dedicated scheduler's
 * {@code rdal-<scheme>-N} threads or the global scheduler's {@code rdal-global-N} threads (platform threads
 * only). Every other thread (the caller's, the SDK's event loop where multipart parts and resumed reads are
 * issued, a Reactor non-blocking thread, a virtual thread) gets the shared client, so no client is ever
 * created on an SDK event loop. A custom scheduler's threads cannot be told from the caller's, so under the
 * custom policy, as under external, only the shared client is used. All clients, shared and per-worker, run on one
 * {@link SdkEventLoopGroup} and one response executor owned by this source, so the number of threads does
 * not grow with the number of clients; each client has its own connection pool of {@code max_connections}.
 *
 * <p>Without the option this is just the shared client, on an event loop group of this source as well.
 *
 * <p><b>Why the source owns the event loop group.</b> The SDK never closes an HTTP client passed in built,
 * and closing one it built itself closes its connection pools by blocking on Netty's global event executor
 * (a Netty thread, which BlockHound rightly refuses to block). So every client runs on this source's group:
 * closing the source closes the clients, then shuts the group down, which closes every connection and
 * stops every event loop thread.
 *
 * <p>{@link #close()} closes every per-worker client, the shared client, then the event loop group and the
 * response executor, waiting for them to stop; it blocks, so callers run it off non-blocking threads.
 * Thread-safe.
 */
final class S3ClientSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3ClientSource.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  /** Prefix of the threads of a per-worker source's event loop group; the SDK's own prefix comes first. */
  static final String EVENT_LOOP_PREFIX = "aws-java-sdk-NettyEventLoop-rdal-s3-";
  /** Prefix of the threads of a per-worker source's response executor. */
  static final String RESPONSE_PREFIX = "sdk-async-response-rdal-s3-";

  private final S3Settings settings;
  private final software.amazon.awssdk.regions.Region region;
  private final String threadSuffix;
  private final SdkEventLoopGroup loops;
  private final ExecutorService responses;
  private final S3AsyncClient shared;
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private volatile WorkerLocal<S3AsyncClient> perWorker;
  private volatile Predicate<Thread> isWorker = t -> false;

  S3ClientSource(S3Settings settings) {
    this.settings = settings;
    this.threadSuffix = Integer.toString(INSTANCES.incrementAndGet());
    this.loops = SdkEventLoopGroup.builder()
        .threadFactory(new ThreadFactoryBuilder().threadNamePrefix(EVENT_LOOP_PREFIX + threadSuffix).daemonThreads(true).build())
        .build();
    if (settings.clientPerWorker()) {
      int n = Math.max(8, Runtime.getRuntime().availableProcessors());
      ThreadPoolExecutor executor = new ThreadPoolExecutor(n, n, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          new ThreadFactoryBuilder().threadNamePrefix(RESPONSE_PREFIX + threadSuffix).daemonThreads(true).build());
      executor.allowCoreThreadTimeOut(true);
      this.responses = executor;
    } else {
      this.responses = null;
    }
    this.region = S3Regions.resolve(settings);
    this.shared = S3Clients.client(settings, region, loops, responses);
  }

  /**
   * Takes the operator's scope: with {@code client_per_worker} and a dedicated or the global policy,
   * per-worker clients are made from now on; under external or custom, or on virtual threads, the shared
   * client stays the only one (logged at info).
   */
  void attach(ExecutionScope scope) {
    if (!settings.clientPerWorker()) {
      return;
    }
    ExecutionPolicy policy = scope.policy();
    if (policy.kind() == ExecutionPolicy.Kind.EXTERNAL || policy.kind() == ExecutionPolicy.Kind.CUSTOM) {
      LOG.info("s3: client_per_worker has no effect under the {} execution policy ({}); using one shared client",
          policy.kind().name().toLowerCase(java.util.Locale.ROOT),
          policy.kind() == ExecutionPolicy.Kind.EXTERNAL ? "no IO threads" : "its threads cannot be told from others");
      return;
    }
    if (policy.kind() == ExecutionPolicy.Kind.DEDICATED && policy.dedicatedSpec().virtualThreads()) {
      LOG.info("s3: client_per_worker has no effect on virtual threads (one thread per task); using one shared client");
      return;
    }
    this.isWorker = workerThreads(policy, scope.backendName());
    this.perWorker = scope.workerLocal("s3-client", this::newWorkerClient, this::closeWorkerClient);
  }

  private static Predicate<Thread> workerThreads(ExecutionPolicy policy, String backendName) {
    switch (policy.kind()) {
      case DEDICATED: {
        String prefix = "rdal-" + backendName + "-";
        return t -> t.getName().startsWith(prefix);
      }
      case GLOBAL: {
        String prefix = RdalSchedulers.GLOBAL_NAME + "-";
        return t -> t.getName().startsWith(prefix);
      }
      default:
        throw new IllegalStateException("no worker threads under " + policy);
    }
  }

  /** The client of the calling worker thread, or the shared client on any other thread. */
  S3AsyncClient current() {
    WorkerLocal<S3AsyncClient> local = perWorker;
    if (local == null) {
      return shared;
    }
    Thread t = Thread.currentThread();
    if (!isWorker.test(t) || RdalSchedulers.isVirtual(t) || NonBlockingThreads.isCurrentThreadNonBlocking()) {
      return shared;
    }
    try {
      return local.get();
    } catch (IllegalStateException closed) {
      return shared; // closing: the shared client reports the closed state on use
    }
  }

  private S3AsyncClient newWorkerClient() {
    S3AsyncClient c = S3Clients.client(settings, region, loops, responses);
    created.incrementAndGet();
    open.incrementAndGet();
    LOG.debug("s3: created a client for worker thread {}", Thread.currentThread().getName());
    return c;
  }

  private void closeWorkerClient(S3AsyncClient c) {
    try {
      c.close();
    } finally {
      open.decrementAndGet();
    }
  }

  /** The signing region every client of this source uses. */
  software.amazon.awssdk.regions.Region region() {
    return region;
  }

  /** The shared client. */
  S3AsyncClient shared() {
    return shared;
  }

  /** The event loop group every client runs on (for tests). */
  SdkEventLoopGroup eventLoops() {
    return loops;
  }

  /** Per-worker clients created so far (for tests). */
  int workerClientsCreated() {
    return created.get();
  }

  /** Per-worker clients created and not yet closed (for tests). */
  int workerClientsOpen() {
    return open.get();
  }

  /** The suffix of this source's thread names (for tests that look for its threads). */
  String threadSuffix() {
    return threadSuffix;
  }

  /** Closes every client, then the shared event loop group and response executor; blocks until they stop. */
  @Override
  public void close() {
    WorkerLocal<S3AsyncClient> local = perWorker;
    if (local != null) {
      local.close();
    }
    shared.close();
    if (loops != null) {
      // a short quiet period lets the closed clients' last channel-close notifications run before the loops stop
      loops.eventLoopGroup().shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
    if (responses != null) {
      responses.shutdown();
      try {
        if (!responses.awaitTermination(10, TimeUnit.SECONDS)) {
          responses.shutdownNow();
        }
      } catch (InterruptedException e) {
        responses.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
