package dev.rdal.fs;

import dev.rdal.Operator;
import dev.rdal.kit.OperatorPublisherVerification;
import dev.rdal.scheduler.ExecutionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.testng.annotations.AfterClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Factory;
import reactor.core.scheduler.Schedulers;

/**
 * The Reactive Streams TCK over the fs backend's read, list and deleteAll streams, under each execution
 * policy (custom: the shared bounded-elastic scheduler, which no test disposes), reading 4 KiB chunks so
 * that a read of many elements stays small. Each verification has a root directory of its own, deleted
 * after its last case.
 */
public class FsPublisherTckTest extends OperatorPublisherVerification {

  private static final int CHUNK = FsDefaults.MIN_CHUNK_SIZE;

  private final Path root;

  /**
   * One verification of {@code stream} under the policy named {@code policy}.
   *
   * @param policy {@code external}, {@code global}, {@code dedicated} or {@code custom}
   * @param stream the stream verified
   * @throws IOException when the root directory cannot be created
   */
  @Factory(dataProvider = "streams")
  public FsPublisherTckTest(String policy, OperatorPublisherVerification.Stream stream) throws IOException {
    this(policy, stream, Files.createTempDirectory("rdal-fs-tck-"));
  }

  private FsPublisherTckTest(String policy, OperatorPublisherVerification.Stream stream, Path root) {
    super("fs " + policy + " " + stream,
        () -> Operator.builder(new FsBackend(new FsOptions(root, CHUNK, 0, false, true, true)))
            .executionPolicy(policy(policy)).build(),
        stream, CHUNK);
    this.root = root;
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
      for (OperatorPublisherVerification.Stream stream : OperatorPublisherVerification.Stream.values()) {
        all.add(new Object[] {policy, stream});
      }
    }
    return all.toArray(new Object[0][]);
  }

  /** Deletes this verification's root once its operator is closed. */
  @AfterClass(alwaysRun = true, dependsOnMethods = "closeOperator")
  public void deleteRoot() {
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
