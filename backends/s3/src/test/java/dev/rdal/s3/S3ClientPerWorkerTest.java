package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import dev.rdal.scheduler.ExecutionScope;
import dev.rdal.spi.BackendConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code client_per_worker}: one client per worker thread of the policy, at most as many as it has threads,
 * all on one event loop group, every one closed with the operator, never one made on the event loop;
 * without it, or under the external or a custom policy, one shared client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3ClientPerWorkerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int THREADS = 2;
  private static final int OBJECTS = 24;

  private static S3Backend backend(boolean perWorker) {
    S3TestServer server = S3TestServer.get();
    Map<String, String> c = new HashMap<>(server.config(server.newBucket()));
    c.put("client_per_worker", Boolean.toString(perWorker));
    return (S3Backend) new S3BackendProvider().create(new BackendConfig("s3", c));
  }

  /**
   * Writes then reads back {@link #OBJECTS} objects, many at once, with at least one call issued from a
   * delivery thread; returns the contents read.
   */
  private static List<String> parallelWorkload(Operator op) {
    Flux.range(0, OBJECTS)
        .flatMap(i -> op.write("dir/o" + i, ("object " + i).getBytes(StandardCharsets.UTF_8)), 8)
        .then().block(WAIT);
    // The flatMaps above may issue every call from the test thread, when it keeps draining while
    // results arrive; a call made from a delivered result is always issued on one of the policy's threads.
    op.stat("dir/o0").flatMap(first -> op.stat("dir/o1")).block(WAIT);
    return Flux.range(0, OBJECTS)
        .flatMapSequential(i -> op.read("dir/o" + i)
            .reduce(new StringBuilder(), (sb, b) -> sb.append(StandardCharsets.UTF_8.decode(b)))
            .map(StringBuilder::toString), 8)
        .collectList().block(WAIT);
  }

  private static List<String> expected() {
    return java.util.stream.IntStream.range(0, OBJECTS).mapToObj(i -> "object " + i).collect(Collectors.toList());
  }

  private static List<Thread> threadsOf(S3ClientSource source) {
    String loops = S3ClientSource.EVENT_LOOP_PREFIX + source.threadSuffix() + "-";
    String responses = S3ClientSource.RESPONSE_PREFIX + source.threadSuffix() + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(loops) || t.getName().startsWith(responses))
        .collect(Collectors.toList());
  }

  @Test
  void dedicatedPolicyMakesAtMostOneClientPerThreadAndClosingReleasesThem() throws Exception {
    S3Backend backend = backend(true);
    S3ClientSource clients = backend.clients();
    Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(THREADS)).build();
    try {
      assertThat(parallelWorkload(op)).isEqualTo(expected());
      assertThat(op.list("dir/").count().block(WAIT)).isEqualTo(OBJECTS);
      assertThat(clients.workerClientsCreated()).isBetween(1, THREADS);
      assertThat(clients.workerClientsOpen()).isEqualTo(clients.workerClientsCreated());
      assertThat(threadsOf(clients)).isNotEmpty();
      S3AsyncClient onEventLoop = clients.eventLoops().eventLoopGroup().next().submit(clients::current)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(onEventLoop).isSameAs(clients.shared());
      assertThat(clients.workerClientsCreated()).isBetween(1, THREADS);
    } finally {
      op.close();
    }
    assertThat(clients.workerClientsOpen()).isZero();
    for (Thread t : threadsOf(clients)) {
      t.join(TimeUnit.SECONDS.toMillis(10)); // stopped by close; may still be finishing its last lines
    }
    assertThat(threadsOf(clients)).allMatch(t -> !t.isAlive());
  }

  @Test
  void aWorkerKeepsItsClientAndOtherThreadsGetTheSharedOne() {
    S3Backend backend = backend(true);
    S3ClientSource clients = backend.clients();
    ExecutionScope scope = new ExecutionScope(ExecutionPolicy.dedicated(1), "s3");
    try {
      backend.attach(scope);
      Mono<S3AsyncClient> onWorker = Mono.fromCallable(clients::current).subscribeOn(scope.ioScheduler());
      S3AsyncClient first = onWorker.block(WAIT);
      assertThat(first).isNotSameAs(clients.shared());
      assertThat(onWorker.block(WAIT)).isSameAs(first);
      assertThat(clients.current()).isSameAs(clients.shared()); // the test's own thread is no worker
      assertThat(Mono.fromCallable(clients::current).subscribeOn(Schedulers.parallel()).block(WAIT))
          .isSameAs(clients.shared()); // nor is a non-blocking thread
      assertThat(clients.workerClientsCreated()).isEqualTo(1);
    } finally {
      backend.close().block(WAIT);
      scope.dispose();
    }
    assertThat(clients.workerClientsOpen()).isZero();
  }

  @Test
  void theSdkEventLoopAndACustomPolicyUseTheSharedClient() throws Exception {
    S3Backend backend = backend(true);
    S3ClientSource clients = backend.clients();
    Scheduler custom = Schedulers.newBoundedElastic(THREADS, 1000, "custom-io");
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.custom(custom)).build()) {
      assertThat(parallelWorkload(op)).isEqualTo(expected());
      assertThat(clients.workerClientsCreated()).isZero();
      S3AsyncClient onEventLoop = clients.eventLoops().eventLoopGroup().next().submit(clients::current)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(onEventLoop).isSameAs(clients.shared());
    } finally {
      custom.dispose();
    }
  }

  @Test
  void withoutTheOptionOneSharedClientServesEveryThread() {
    S3Backend backend = backend(false);
    S3ClientSource clients = backend.clients();
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.dedicated(THREADS)).build()) {
      assertThat(parallelWorkload(op)).isEqualTo(expected());
      assertThat(clients.workerClientsCreated()).isZero();
    }
    for (Thread t : threadsOf(clients)) { // the one client runs on the source's event loop group, closed with it
      assertThat(joined(t)).as("thread %s stopped", t.getName()).isTrue();
    }
  }

  @Test
  void underTheExternalPolicyTheOptionFallsBackToTheSharedClient() {
    S3Backend backend = backend(true);
    S3ClientSource clients = backend.clients();
    try (Operator op = Operator.builder(backend).executionPolicy(ExecutionPolicy.external()).build()) {
      assertThat(parallelWorkload(op)).isEqualTo(expected());
      assertThat(clients.workerClientsCreated()).isZero();
    }
    for (Thread t : threadsOf(clients)) {
      assertThat(joined(t)).as("thread %s stopped", t.getName()).isTrue();
    }
  }

  private static boolean joined(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }
}
