package dev.rdal.spring.webflux;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A Reactor Netty server on 127.0.0.1 at a free port, serving one {@link HttpHandler}. */
final class EndpointServer implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final DisposableServer server;

  EndpointServer(HttpHandler handler) {
    server = HttpServer.create().host("127.0.0.1").port(0)
        .handle(new ReactorHttpHandlerAdapter(handler))
        .bindNow(TIMEOUT);
  }

  static EndpointServer of(RouterFunction<ServerResponse> routes) {
    return new EndpointServer(RouterFunctions.toHttpHandler(routes));
  }

  int port() {
    return server.port();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  @Override
  public void close() {
    server.disposeNow(TIMEOUT);
  }
}
