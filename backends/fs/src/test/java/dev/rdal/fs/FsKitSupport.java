package dev.rdal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import dev.rdal.kit.BehaviorKit;
import dev.rdal.scheduler.ExecutionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The behavior kit over an fs root of its own, under one execution policy per subclass. The kit's
 * resource count is the JVM's open file descriptors on files below the run's root ({@code /proc/self/fd});
 * around the whole kit run an extension checks, over all of the JVM's descriptors, that the count after (operators closed) is no higher than the count before. Descriptors of
 * {@code .jar} files are left out of both counts: the class loader opens a jar the first time a case
 * needs a class from it and keeps it open, which is not a leak of the store.
 */
abstract class FsKitSupport extends BehaviorKit {

  @RegisterExtension
  static final DescriptorBalance DESCRIPTORS = new DescriptorBalance();

  private Path root;

  /** The policy this kit run uses. */
  protected abstract ExecutionPolicy policy();

  /** The backend's options for this kit run: the defaults unless a run turns something on. */
  protected FsOptions options(Path root) {
    return FsOptions.of(root);
  }

  @Override
  protected Operator createOperator() throws IOException {
    synchronized (this) {
      if (root == null) {
        root = Files.createTempDirectory("rdal-fs-kit-");
      }
    }
    return Operator.builder(new FsBackend(options(root))).executionPolicy(policy()).build();
  }

  /**
   * The descriptors this JVM holds on files below this run's root: precise per case, unlike the
   * JVM-wide count, which other threads' sockets and pipes move at any time.
   */
  @Override
  protected long openResourceCount() {
    Path r;
    synchronized (this) {
      r = root;
    }
    if (r == null) {
      return 0;
    }
    String prefix = r.toAbsolutePath() + "/";
    return storeDescriptors().stream().filter(t -> t.startsWith(prefix)).count();
  }

  /**
   * The targets of this JVM's open descriptors on files and directories, less jar files. Sockets,
   * pipes and event descriptors (targets such as {@code socket:[n]}) are left out: the fs backend opens
   * none, and the JVM and the test runner open and close them at any time.
   */
  static List<String> storeDescriptors() {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("/") && !target.endsWith(".jar")) {
            out.add(target);
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor of this very listing, or one closed while we looked
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  void deleteRoot() throws IOException {
    if (root == null) return;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static boolean isKitClass(ExtensionContext context) {
    return context.getTestClass().map(FsKitSupport.class::isAssignableFrom).orElse(false);
  }

  /** Counts store descriptors before the kit class and checks the count after its operators closed. */
  static final class DescriptorBalance implements BeforeAllCallback, AfterAllCallback {
    private List<String> before;

    @Override
    public void beforeAll(ExtensionContext context) {
      if (isKitClass(context)) {
        before = storeDescriptors();
      }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
      if (!isKitClass(context)) {
        return; // a nested category of the kit; the balance is checked once around the whole run
      }
      FsKitSupport kit = (FsKitSupport) context.getRequiredTestInstance();
      int after = FsTestSupport.awaitAtMost(() -> storeDescriptors().size(), before.size(), Duration.ofSeconds(30));
      List<String> now = storeDescriptors();
      List<String> added = new ArrayList<>(now);
      before.forEach(added::remove);
      kit.deleteRoot();
      // at most as many as before: descriptors of earlier test classes may still close during the run
      assertThat(after).as("open descriptors after the whole kit run (new: %s)", added).isLessThanOrEqualTo(before.size());
    }
  }
}
