package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.scheduler.ExecutionPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where user code runs when the s3 client delivers chunks: never on the SDK's Netty event loop under the
 * default policy, and exactly there when the policy asks for client-thread delivery.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3DeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SDK_EVENT_LOOP = "aws-java-sdk-NettyEventLoop";
  private static Map<String, String> config;

  @BeforeAll
  static void writeObject() {
    S3TestServer server = S3TestServer.get();
    config = server.config(server.newBucket());
    try (Operator op = Operator.builder("s3").config(config).build()) {
      op.write("four-mib", new byte[4 << 20]).block(WAIT);
    }
  }

  private static Set<String> threadsOfUserCode(ExecutionPolicy policy) {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Operator.Builder b = Operator.builder("s3").config(config);
    if (policy != null) b.executionPolicy(policy);
    try (Operator op = b.build()) {
      long n = op.read("four-mib")
          .doOnNext(chunk -> threads.add(Thread.currentThread().getName()))
          .map(chunk -> (long) chunk.remaining())
          .reduce(0L, Long::sum)
          .block(WAIT);
      assertThat(n).isEqualTo(4 << 20);
      op.stat("four-mib").doOnNext(m -> threads.add(Thread.currentThread().getName())).block(WAIT);
    }
    return threads;
  }

  @Test
  void defaultPolicyNeverRunsUserCodeOnTheSdkEventLoop() {
    Set<String> threads = threadsOfUserCode(null);
    assertThat(threads).isNotEmpty().noneMatch(t -> t.startsWith(SDK_EVENT_LOOP)).noneMatch(t -> t.startsWith("sdk-async-response"));
    assertThat(threads).allMatch(t -> t.startsWith("rdal-global"));
  }

  @Test
  void dedicatedPolicyDeliversOnItsOwnThreads() {
    Set<String> threads = threadsOfUserCode(ExecutionPolicy.dedicated(2));
    assertThat(threads).isNotEmpty().allMatch(t -> t.startsWith("rdal-s3"));
  }

  @Test
  void clientThreadDeliveryRunsUserCodeOnTheSdkEventLoop() {
    Set<String> threads = threadsOfUserCode(ExecutionPolicy.external().deliverOnClientThread());
    assertThat(threads).anyMatch(t -> t.startsWith(SDK_EVENT_LOOP));
  }
}
