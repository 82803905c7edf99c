package dev.rdal.webdav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where user code runs when Reactor Netty delivers chunks, with the real client against nginx: never on the
 * client's event loops ({@code reactor-webdav-*}) under the default policy, on the dedicated threads under a
 * dedicated policy, and on the event loops only when the policy asks for client-thread delivery.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebDavDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String EVENT_LOOP = "reactor-webdav-";
  private static DavServer server;
  private static Map<String, String> config;

  @BeforeAll
  static void writeObject() {
    server = DavServer.nginx();
    config = server.config();
    try (Operator op = Operator.builder("webdav").config(config).build()) {
      op.write("four-mib", new byte[4 << 20]).block(WAIT);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Set<String> threadsOfUserCode(ExecutionPolicy policy) {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Operator.Builder b = Operator.builder("webdav").config(config);
    if (policy != null) b.executionPolicy(policy);
    try (Operator op = b.build()) {
      long n = op.read("four-mib")
          .doOnNext(chunk -> threads.add(Thread.currentThread().getName()))
          .map(chunk -> (long) chunk.remaining())
          .reduce(0L, Long::sum)
          .block(WAIT);
      assertThat(n).isEqualTo(4 << 20);
      op.stat("four-mib").doOnNext(m -> threads.add(Thread.currentThread().getName())).block(WAIT);
      op.list("/").doOnNext(m -> threads.add(Thread.currentThread().getName())).blockLast(WAIT);
    }
    return threads;
  }

  @Test
  void defaultPolicyNeverRunsUserCodeOnTheEventLoop() {
    Set<String> threads = threadsOfUserCode(null);
    assertThat(threads).isNotEmpty().noneMatch(t -> t.startsWith(EVENT_LOOP)).allMatch(t -> t.startsWith("rdal-global"));
  }

  @Test
  void dedicatedPolicyDeliversOnItsOwnThreads() {
    Set<String> threads = threadsOfUserCode(ExecutionPolicy.dedicated(2));
    assertThat(threads).isNotEmpty().allMatch(t -> t.startsWith("rdal-webdav-"));
  }

  @Test
  void clientThreadDeliveryRunsUserCodeOnTheEventLoop() {
    Set<String> threads = threadsOfUserCode(ExecutionPolicy.external().deliverOnClientThread());
    assertThat(threads).anyMatch(t -> t.startsWith(EVENT_LOOP));
  }

  @Test
  void closingStopsTheEventLoopThreads() throws InterruptedException {
    threadsOfUserCode(null);
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(EVENT_LOOP)) {
        t.join(TimeUnit.SECONDS.toMillis(30)); // a stopped event loop's thread ends right after its loop
        assertThat(t.isAlive()).as("thread %s of a closed operator", t.getName()).isFalse();
      }
    }
  }
}
