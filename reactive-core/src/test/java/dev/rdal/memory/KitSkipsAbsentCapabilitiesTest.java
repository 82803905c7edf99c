package dev.rdal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rdal.Capability;
import dev.rdal.LimitedBackend;
import dev.rdal.Operator;
import dev.rdal.kit.BehaviorKit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit against a backend lacking some capabilities and checks that the cases needing them are
 * reported as skipped, each with a reason naming the capability, and that nothing fails.
 */
class KitSkipsAbsentCapabilitiesTest {

  static final Capability[] ABSENT = {
      Capability.POSITIONAL_READ, Capability.APPEND, Capability.COPY, Capability.RENAME,
      Capability.CONDITIONAL_READ, Capability.WRITE_IF_NOT_EXISTS};

  /** The kit over a memory backend without {@link #ABSENT}; not measured for open resources. */
  static class LimitedMemoryKit extends BehaviorKit {
    @Override
    protected Operator createOperator() {
      return Operator.builder(new LimitedBackend(new MemoryBackend(), ABSENT)).build();
    }
  }

  @Test
  void casesNeedingAbsentCapabilitiesAreSkippedWithTheReason() {
    Map<String, String> skipped = new ConcurrentHashMap<>();
    List<String> failed = new CopyOnWriteArrayList<>();
    List<String> passed = new CopyOnWriteArrayList<>();
    TestExecutionListener listener = new TestExecutionListener() {
      @Override
      public void executionSkipped(TestIdentifier id, String reason) {
        skipped.put(id.getUniqueId(), reason);
      }

      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) return;
        switch (result.getStatus()) {
          case SUCCESSFUL:
            passed.add(id.getUniqueId());
            break;
          case ABORTED: // a failed assumption: surefire and IDEs report it as skipped, with its message
            skipped.put(id.getUniqueId(), result.getThrowable().map(Throwable::getMessage).orElse(""));
            break;
          default:
            failed.add(id.getUniqueId() + ": " + result.getThrowable().orElse(null));
        }
      }
    };
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(LimitedMemoryKit.class)).build(),
        listener);

    assertThat(failed).isEmpty();
    assertThat(skipped).as("skipped cases").hasSizeGreaterThan(30);
    assertThat(passed).hasSizeGreaterThan(120);
    assertThat(skipped.values()).allSatisfy(reason -> assertThat(reason)
        .matches("Assumption failed: backend 'memory' lacks capability (POSITIONAL_READ|APPEND|COPY|RENAME|CONDITIONAL_READ"
            + "|WRITE_IF_NOT_EXISTS)|Assumption failed: backend does not measure open resources .*"
            + "|Assumption failed: backend 'memory' declares no (path|name) limit"));
    for (Capability c : ABSENT) {
      assertThat(skipped.values()).as("cases skipped for %s", c).anyMatch(r -> r.endsWith("capability " + c));
    }
    assertThat(passed).as("no copy, rename or positional-read case passes without its capability")
        .noneMatch(id -> id.contains("nested-class:Copy") || id.contains("nested-class:Rename")
            || id.contains("nested-class:PositionalRead"));
  }
}
