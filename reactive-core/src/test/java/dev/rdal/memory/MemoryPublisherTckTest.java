package dev.rdal.memory;

import dev.rdal.Operator;
import dev.rdal.kit.OperatorPublisherVerification;
import dev.rdal.scheduler.ExecutionPolicy;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Factory;
import reactor.core.scheduler.Schedulers;

/**
 * The Reactive Streams TCK over the memory backend's read, list and deleteAll streams, under each
 * execution policy (custom: the shared bounded-elastic scheduler, which no test disposes).
 */
public class MemoryPublisherTckTest extends OperatorPublisherVerification {

  /**
   * One verification of {@code stream} under the policy named {@code policy}.
   *
   * @param policy {@code external}, {@code global}, {@code dedicated} or {@code custom}
   * @param stream the stream verified
   */
  @Factory(dataProvider = "streams")
  public MemoryPublisherTckTest(String policy, Stream stream) {
    super("memory " + policy + " " + stream,
        () -> Operator.builder(new MemoryBackend()).executionPolicy(policy(policy)).build(),
        stream, MemoryBackend.CHUNK_SIZE);
  }

  /**
   * Every policy with every stream.
   *
   * @return pairs of policy name and stream
   */
  @DataProvider(name = "streams")
  public static Object[][] streams() {
    List<Object[]> all = new ArrayList<>();
    for (String policy : List.of("external", "global", "dedicated", "custom")) {
      for (Stream stream : Stream.values()) {
        all.add(new Object[] {policy, stream});
      }
    }
    return all.toArray(new Object[0][]);
  }

  private static ExecutionPolicy policy(String name) {
    switch (name) {
      case "external":
        return ExecutionPolicy.external();
      case "global":
        return ExecutionPolicy.global();
      case "dedicated":
        return ExecutionPolicy.dedicated(2);
      default:
        return ExecutionPolicy.custom(Schedulers.boundedElastic());
    }
  }
}
