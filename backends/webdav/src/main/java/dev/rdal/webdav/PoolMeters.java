package dev.rdal.webdav;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Publishes the gauges of Reactor Netty's connection pool to a given Micrometer registry (Reactor Netty's own
 * metrics would go to the global registry). One set per pool and server address, under Reactor Netty's names
 * and tags: {@code reactor.netty.connection.provider.total.connections}, {@code .active.connections},
 * {@code .idle.connections}, {@code .pending.connections}, {@code .max.connections} and
 * {@code .max.pending.connections}, tagged {@code name} (the pool, {@code rdal-webdav-<n>}), {@code id} and
 * {@code remote.address}. They are removed when the pool drops the address or is disposed.
 *
 * <p>Only loaded when a registry is given, so Micrometer stays an optional dependency.
 */
final class PoolMeters implements ConnectionProvider.MeterRegistrar {

  static final String PREFIX = "reactor.netty.connection.provider.";

  private final MeterRegistry registry;
  private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

  PoolMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void registerMetrics(String poolName, String id, SocketAddress remoteAddress, ConnectionPoolMetrics metrics) {
    Tags tags = Tags.of("name", poolName, "id", id, "remote.address", String.valueOf(remoteAddress));
    List<Meter> list = List.of(
        gauge("total.connections", tags, metrics, ConnectionPoolMetrics::allocatedSize),
        gauge("active.connections", tags, metrics, ConnectionPoolMetrics::acquiredSize),
        gauge("idle.connections", tags, metrics, ConnectionPoolMetrics::idleSize),
        gauge("pending.connections", tags, metrics, ConnectionPoolMetrics::pendingAcquireSize),
        gauge("max.connections", tags, metrics, ConnectionPoolMetrics::maxAllocatedSize),
        gauge("max.pending.connections", tags, metrics, ConnectionPoolMetrics::maxPendingAcquireSize));
    meters.put(key(poolName, id, remoteAddress), list);
  }

  @Override
  public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
    List<Meter> list = meters.remove(key(poolName, id, remoteAddress));
    if (list != null) {
      list.forEach(registry::remove);
    }
  }

  private Meter gauge(String name, Tags tags, ConnectionPoolMetrics metrics, ToDoubleFunction<ConnectionPoolMetrics> value) {
    return Gauge.builder(PREFIX + name, metrics, value).tags(tags).register(registry);
  }

  private static String key(String poolName, String id, SocketAddress remoteAddress) {
    return poolName + '\u0000' + id + '\u0000' + remoteAddress;
  }
}
