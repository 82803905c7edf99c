package dev.rdal.hdfs;

import static dev.rdal.hdfs.HdfsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.scheduler.ExecutionPolicy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Where HDFS calls run: the default policy is a dedicated scheduler named {@code rdal-hdfs-N}; every chunk
 * of a read and every listing page is read on it, even when each chunk is requested from another
 * thread; the external policy refuses to block a non-blocking thread; closing disposes the threads.
 */
class HdfsThreadsTest {

  @RegisterExtension
  static final ClusterExtension CLUSTER = new ClusterExtension();

  private HdfsBackend backend;
  private Operator op;

  @BeforeEach
  void open() {
    backend = new HdfsBackend(CLUSTER.cluster().options("threads").withChunkSize(64 << 10));
    op = Operator.builder(backend).build();
  }

  @AfterEach
  void close() {
    op.close();
  }

  @Test
  void theDefaultPolicyIsADedicatedBoundedScheduler() {
    assertThat(backend.isBlocking()).isTrue();
    assertThat(op.executionPolicy()).isEqualTo(ExecutionPolicy.dedicated(backend.options().threads()));
  }

  @Test
  void everyChunkAndEveryListingPullRunsOnTheHdfsThreads() {
    op.write("big", HdfsTestSupport.randomBytes(1 << 20, 1)).block(TIMEOUT);
    for (boolean lent : new boolean[] {false, true}) {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      // one chunk per request, each requested from the test thread: every read must still run on the policy's threads
      StepVerifier.create(op.read("big", ReadOptions.defaults().withLentBuffers(lent))
              .doOnNext(b -> threads.add(Thread.currentThread().getName())), 1)
          .expectNextCount(1)
          .thenRequest(15).expectNextCount(15)
          .verifyComplete();
      assertThat(threads).isNotEmpty().allMatch(t -> t.startsWith("rdal-hdfs-"));
    }
    Set<String> listing = ConcurrentHashMap.newKeySet();
    Flux.range(0, 5).concatMap(i -> op.write("d/f" + i, new byte[] {1})).blockLast(TIMEOUT);
    StepVerifier.create(op.list("d/", ListOptions.defaults())
            .doOnNext(m -> listing.add(Thread.currentThread().getName())), 1)
        .expectNextCount(1).thenRequest(4).expectNextCount(4).verifyComplete();
    assertThat(listing).isNotEmpty().allMatch(t -> t.startsWith("rdal-hdfs-"));
  }

  @Test
  void externalPolicyRefusesToBlockANonBlockingThread() {
    try (Operator external = Operator.builder(new HdfsBackend(CLUSTER.cluster().options("external")))
        .executionPolicy(ExecutionPolicy.external()).build()) {
      StepVerifier.create(Mono.defer(() -> external.stat("/")).subscribeOn(Schedulers.parallel()))
          .expectErrorMatches(e -> RdalException.isKind(e, ErrorKind.CONFIG_INVALID))
          .verify(TIMEOUT);
    }
  }

  @Test
  void closingDisposesTheDedicatedThreads() {
    Operator own = Operator.builder(new HdfsBackend(CLUSTER.cluster().options("own"))).build();
    own.list("/").collectList().block(TIMEOUT);
    own.close();
    op.close(); // the other operator of this test; no other test class runs at the same time
    HdfsTestSupport.awaitUntil(() -> liveThreads().stream().noneMatch(t -> t.startsWith("rdal-hdfs-")));
  }

  private static List<String> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
  }
}
