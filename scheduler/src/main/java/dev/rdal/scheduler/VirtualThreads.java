package dev.rdal.scheduler;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads reached by reflection, so this module compiles for and runs on Java 17: on JDK 21+ it
 * makes factories of named virtual threads; on older JDKs {@link #requireAvailable()} fails with a message
 * saying what to do.
 */
final class VirtualThreads {

  private static final Method OF_VIRTUAL = method(Thread.class, "ofVirtual");
  private static final Method IS_VIRTUAL = method(Thread.class, "isVirtual");

  private VirtualThreads() {}

  static boolean isAvailable() {
    return OF_VIRTUAL != null;
  }

  static void requireAvailable() {
    if (!isAvailable()) {
      throw new IllegalStateException("virtual threads need JDK 21 or newer, but this JVM is Java "
          + Runtime.version().feature() + "; run on JDK 21+ or leave virtual threads off (platform threads)");
    }
  }

  /** Whether {@code thread} is virtual; false on JDKs without virtual threads. */
  static boolean isVirtual(Thread thread) {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (Boolean) IS_VIRTUAL.invoke(thread);
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /** A factory of virtual threads named {@code prefix-1}, {@code prefix-2}, ... */
  static ThreadFactory factory(String prefix) {
    requireAvailable();
    try {
      Object builder = OF_VIRTUAL.invoke(null);
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, prefix + "-", 1L);
      return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create virtual threads on this JVM: " + e, e);
    }
  }

  private static Method method(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
