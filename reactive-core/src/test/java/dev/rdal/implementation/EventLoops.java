package dev.rdal.implementation;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Real Netty event loops for tests, as a network client has them; threads named {@code <name>-N-M}. */
final class EventLoops implements AutoCloseable {

  private final EventLoopGroup group;
  final EventLoop loop;
  final Scheduler scheduler;

  EventLoops(String name) {
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
    this.loop = group.next();
    this.scheduler = Schedulers.fromExecutor(loop);
  }

  @Override
  public void close() {
    scheduler.dispose();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
