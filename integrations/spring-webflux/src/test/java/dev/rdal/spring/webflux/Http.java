package dev.rdal.spring.webflux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** Exact-header requests with {@code java.net.http}, one client per test JVM. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private Http() {}

  /** Sends {@code method} to {@code uri} with header pairs {@code name, value, ...} and no body. */
  static HttpResponse<byte[]> send(String method, URI uri, String... headers) {
    return send(method, uri, HttpRequest.BodyPublishers.noBody(), headers);
  }

  /** Sends {@code method} with a body. */
  static HttpResponse<byte[]> send(String method, URI uri, HttpRequest.BodyPublisher body, String... headers) {
    return send(Duration.ofSeconds(60), method, uri, body, headers);
  }

  /**
   * Sends {@code method} with a body; the whole exchange must end within {@code timeout}, else an
   * {@link java.net.http.HttpTimeoutException} (wrapped) is thrown.
   */
  static HttpResponse<byte[]> send(Duration timeout, String method, URI uri, HttpRequest.BodyPublisher body,
      String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> answer = CLIENT.sendAsync(b.build(), info -> {
      head.set(info);
      return HttpResponse.BodySubscribers.ofByteArray();
    });
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      HttpResponse.ResponseInfo info = head.get();
      throw new UncheckedIOException(new HttpTimeoutException(info == null ? "no answer within " + timeout
          : info.statusCode() + ", Content-Length " + info.headers().firstValue("Content-Length").orElse("none")
              + ", body not complete within " + timeout));
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException ? new UncheckedIOException((IOException) e.getCause())
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A header's value, or null. */
  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }
}
