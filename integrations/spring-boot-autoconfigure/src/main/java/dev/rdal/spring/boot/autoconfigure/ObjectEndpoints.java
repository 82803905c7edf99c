package dev.rdal.spring.boot.autoconfigure;

import dev.rdal.spring.webflux.ObjectEndpoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The routes of {@code rdal.web.*}: an {@link ObjectEndpoint} per listed store under its own path. */
final class ObjectEndpoints {

  private ObjectEndpoints() {
  }

  /**
   * The routes of every listed store, each at {@code <base-path>/<store>}.
   *
   * @throws StoreConfigurationException when the base path is not absolute or a listed store is unknown or
   *     listed twice
   */
  static RouterFunction<ServerResponse> routes(StoreRegistry stores, RdalProperties.Web web) {
    String base = web.getBasePath() == null ? "" : web.getBasePath().trim();
    if (!base.startsWith("/")) {
      throw new StoreConfigurationException(RdalProperties.PREFIX + ".web.base-path",
          "must start with '/', was '" + base + "'");
    }
    base = base.replaceAll("/+$", "");
    List<String> names = web.getStores();
    Set<String> seen = new HashSet<>();
    RouterFunction<ServerResponse> routes = null;
    for (int i = 0; i < names.size(); i++) {
      String property = OnWebStoresCondition.PROPERTY + "[" + i + "]";
      String name = names.get(i) == null ? "" : names.get(i).trim();
      if (!stores.names().contains(name)) {
        throw new StoreConfigurationException(property, "no store is named '" + name + "'; stores: " + stores.names());
      }
      if (!seen.add(name)) {
        throw new StoreConfigurationException(property, "store '" + name + "' is listed twice");
      }
      RouterFunction<ServerResponse> r = ObjectEndpoint.builder(stores.operator(name))
          .basePath(base + "/" + name)
          .writable(web.isWritable())
          .build()
          .routes();
      routes = routes == null ? r : routes.and(r);
    }
    return routes;
  }
}
