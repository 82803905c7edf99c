package dev.rdal.fs;

import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * A positional-read handle over one open {@link FileChannel}: each read is one or more {@code pread}
 * calls at the given position, with no open, seek or close. Concurrent reads at different positions are
 * safe (positional reads do not share a file pointer). The channel stays open until {@link #close()},
 * which the backend also calls for every handle still open when it closes.
 */
final class FsPositionalReader implements PositionalReader {

  private final FileChannel channel;
  private final ObjectMeta meta;
  private final Consumer<FsPositionalReader> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  FsPositionalReader(FileChannel channel, ObjectMeta meta, Consumer<FsPositionalReader> onClose) {
    this.channel = channel;
    this.meta = meta;
    this.onClose = onClose;
  }

  @Override
  public ObjectMeta meta() {
    return meta;
  }

  @Override
  public Mono<Integer> read(long position, ByteBuffer dst) {
    return Mono.fromCallable(() -> {
      if (closed.get()) {
        throw closedError();
      }
      int total = 0;
      try {
        while (dst.hasRemaining()) {
          int r = channel.read(dst, position + total);
          if (r < 0) {
            return total == 0 ? -1 : total;
          }
          total += r;
        }
        return total;
      } catch (ClosedChannelException e) {
        throw closedError();
      } catch (IOException e) {
        throw FsErrors.map(e);
      }
    });
  }

  private RdalException closedError() {
    return RdalException.builder(ErrorKind.UNEXPECTED, "positional reader is closed").path(meta.path()).build();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.accept(this);
      Closer.close(channel);
    }
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed.get();
  }
}
