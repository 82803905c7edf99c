package dev.rdal.spring.webflux;

import dev.rdal.LocalFileRegion;
import dev.rdal.Operator;
import dev.rdal.ReadResult;
import java.util.Optional;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Mono;

/**
 * Writes a read's bytes into the response: by {@code sendfile} from the store's {@link LocalFileRegion}
 * when the store offers one and the response is Reactor Netty's zero-copy message outside TLS, else as
 * the read's body bridged by {@link DataBuffers}. Either way exactly the served range of the version read
 * is sent, and the read's file or connection and the region are released on completion, error and cancel.
 */
final class ResponseBody {

  private ResponseBody() {}

  /**
   * The inserter for {@code result}.
   *
   * @param zeroCopy whether {@code sendfile} may be used (the endpoint allows it and the request is not TLS)
   */
  static BodyInserter<Void, ServerHttpResponse> of(Operator operator, String path, ReadResult result, boolean lent,
      boolean zeroCopy) {
    return (response, context) -> {
      if (result.contentRange().length() == 0) {
        result.discard();
        return response.setComplete();
      }
      if (zeroCopy && response instanceof ZeroCopyHttpOutputMessage) {
        ZeroCopyHttpOutputMessage zc = (ZeroCopyHttpOutputMessage) response;
        return operator.localFileRegion(path, result)
            .map(Optional::of)
            .onErrorResume(e -> Mono.just(Optional.empty())) // no region: the body still serves the version
            .defaultIfEmpty(Optional.empty())
            .flatMap(region -> region.isPresent() ? send(zc, result, region.get()) : stream(response, result, lent));
      }
      return stream(response, result, lent);
    };
  }

  private static Mono<Void> send(ZeroCopyHttpOutputMessage response, ReadResult result, LocalFileRegion region) {
    result.discard();
    return Mono.defer(() -> response.writeWith(region.file(), region.position(), region.count()))
        .doFinally(signal -> region.close());
  }

  private static Mono<Void> stream(ServerHttpResponse response, ReadResult result, boolean lent) {
    return response.writeWith(DataBuffers.toDataBuffers(result.body(), lent, response.bufferFactory()));
  }
}
