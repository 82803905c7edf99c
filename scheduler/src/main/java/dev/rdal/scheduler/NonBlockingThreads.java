package dev.rdal.scheduler;

import reactor.core.scheduler.Schedulers;

/**
 * Tells whether a thread must never block: Reactor's non-blocking workers, and Netty event loops (found
 * by reflection, so this module does not depend on Netty).
 */
public final class NonBlockingThreads {

  private static final java.lang.reflect.Method NETTY_CURRENT_EXECUTOR = nettyCurrentExecutor();
  private static final Class<?> NETTY_EVENT_LOOP = classOrNull("io.netty.channel.EventLoop");

  private NonBlockingThreads() {}

  /**
   * Whether the current thread is one on which rdal must not block.
   *
   * @return true when the current thread must not block
   */
  public static boolean isCurrentThreadNonBlocking() {
    if (Schedulers.isInNonBlockingThread()) {
      return true;
    }
    if (NETTY_CURRENT_EXECUTOR != null && NETTY_EVENT_LOOP != null) {
      try {
        Object executor = NETTY_CURRENT_EXECUTOR.invoke(null);
        return executor != null && NETTY_EVENT_LOOP.isInstance(executor);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  private static java.lang.reflect.Method nettyCurrentExecutor() {
    Class<?> c = classOrNull("io.netty.util.internal.ThreadExecutorMap");
    if (c == null) return null;
    try {
      return c.getMethod("currentExecutor");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Class<?> classOrNull(String name) {
    try {
      return Class.forName(name, false, NonBlockingThreads.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
