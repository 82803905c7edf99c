package dev.rdal.s3;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part uploads of one multipart write that are still on the wire. Their futures are never cancelled:
 * cancelling one does not stop a request the store is already receiving, which may then store its part
 * after the upload was aborted. The abort waits for {@link #settled()} first.
 */
final class InFlightParts {

  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

  /** Tracks {@code upload} until it completes or fails; returns it. */
  <T> CompletableFuture<T> track(CompletableFuture<T> upload) {
    running.add(upload);
    upload.whenComplete((r, e) -> running.remove(upload));
    return upload;
  }

  /** Completes (never exceptionally) once every part tracked so far has completed or failed. */
  CompletableFuture<Void> settled() {
    return CompletableFuture.allOf(running.stream()
        .map(f -> f.handle((r, e) -> null))
        .toArray(CompletableFuture[]::new));
  }

  /** How many parts are on the wire now. */
  int size() {
    return running.size();
  }
}
