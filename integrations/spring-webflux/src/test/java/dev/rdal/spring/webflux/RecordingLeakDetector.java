package dev.rdal.spring.webflux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector (paranoid in every test JVM) that also records each leak it reports, so a test can
 * assert that none happened. Installed by the {@code io.netty.customResourceLeakDetector} system property
 * (see the pom), so it is in place before Netty's first buffer, whatever test runs first.
 *
 * @param <T> the tracked resource type
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  /**
   * The detector Netty makes for a resource type.
   *
   * @param resourceType the tracked type
   * @param samplingInterval Netty's sampling interval
   * @param maxActive unused by Netty
   */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    super(resourceType, samplingInterval);
  }

  /**
   * The detector Netty makes for a resource type.
   *
   * @param resourceType the tracked type
   * @param samplingInterval Netty's sampling interval
   */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LEAKS.add(resourceType + records);
    super.reportTracedLeak(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LEAKS.add(resourceType);
    super.reportUntracedLeak(resourceType);
  }

  /**
   * Collects garbage, then allocates and releases buffers so that the detector reports every leaked buffer
   * that was collected; returns the leaks reported so far in this JVM.
   *
   * @return the reported leaks
   */
  static List<String> collectLeaks() {
    for (int round = 0; round < 3; round++) {
      System.gc();
      System.runFinalization();
      for (int i = 0; i < 200; i++) {
        ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(64);
        b.release();
      }
    }
    return List.copyOf(LEAKS);
  }

  /** Whether this detector is the one Netty uses. */
  static boolean installed() {
    return RecordingLeakDetector.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"));
  }
}
