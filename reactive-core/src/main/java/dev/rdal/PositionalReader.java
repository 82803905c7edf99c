package dev.rdal;

import java.nio.ByteBuffer;
import reactor.core.publisher.Mono;

/**
 * A handle for hot loops of small reads: opened once, it reads into the caller's own buffer at any
 * position. The file or connection it holds stays open until {@link #close()}, so no read pays an
 * open/seek/close. Closing the operator closes every handle it opened.
 *
 * <p>Threads: each read runs under the operator's execution policy, like every other call. Reads may be
 * issued concurrently at different positions. The buffer belongs to the caller; rdal writes into it
 * from its position up to its limit and does not keep it after the returned {@code Mono} completes.
 */
public interface PositionalReader extends AutoCloseable {

  /**
   * Metadata of the object as of opening.
   *
   * @return the metadata
   */
  ObjectMeta meta();

  /**
   * Reads bytes starting at {@code position} into {@code dst}, up to {@code dst.remaining()} bytes.
   * Emits how many were read: fewer than asked only at the end of the object, and -1 when
   * {@code position} is at or past the end. A negative position is an {@link ErrorKind#INVALID_INPUT} error;
   * a closed handle signals {@link ErrorKind#UNEXPECTED}.
   *
   * @param position the object's byte to read from, at least 0
   * @param dst where the bytes go, from its position up to its limit
   * @return the count of bytes read, -1 at the end of the object
   */
  Mono<Integer> read(long position, ByteBuffer dst);

  /** Releases the file or connection; idempotent. */
  @Override
  void close();
}
