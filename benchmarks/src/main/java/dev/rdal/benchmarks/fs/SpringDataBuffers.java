package dev.rdal.benchmarks.fs;

import dev.rdal.benchmarks.ByteSum;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * Spring's reactive file IO: {@link DataBufferUtils#readAsynchronousFileChannel} (what
 * {@code DataBufferUtils.read(Path, ...)} uses) with its default heap buffer factory and 1 MiB buffers,
 * and {@link DataBufferUtils#write(org.reactivestreams.Publisher, Path, java.nio.file.OpenOption...)}.
 */
final class SpringDataBuffers implements FsImplementation {

  private static final int BUFFER_SIZE = 1 << 20;

  private final Path root;
  private final DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;

  SpringDataBuffers(Path root) {
    this.root = root;
  }

  private Flux<DataBuffer> flux(String name, long offset, long length) {
    Path file = root.resolve(name);
    Flux<DataBuffer> all = offset == 0
        ? DataBufferUtils.read(file, factory, BUFFER_SIZE, StandardOpenOption.READ)
        : DataBufferUtils.readAsynchronousFileChannel(
            () -> AsynchronousFileChannel.open(file, StandardOpenOption.READ), offset, factory, BUFFER_SIZE);
    return DataBufferUtils.takeUntilByteCount(all, length);
  }

  private static void consume(DataBuffer db, ByteSum sink) {
    try (DataBuffer.ByteBufferIterator it = db.readableByteBuffers()) {
      while (it.hasNext()) {
        sink.add(it.next());
      }
    } finally {
      DataBufferUtils.release(db);
    }
  }

  @Override
  public void read(String name, long offset, long length, ByteSum sink) {
    flux(name, offset, length).doOnNext(db -> consume(db, sink)).blockLast();
  }

  @Override
  public InputStream open(String name) {
    return DataBufferUtils.subscriberInputStream(
        DataBufferUtils.read(root.resolve(name), factory, BUFFER_SIZE, StandardOpenOption.READ), 4);
  }

  @Override
  public void write(String name, List<ByteBuffer> chunks) {
    Flux<DataBuffer> body = Flux.fromIterable(chunks).map(c -> factory.wrap(c.duplicate()));
    DataBufferUtils.write(body, root.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING).block();
  }

  @Override
  public void readConcurrently(String name, long[] offsets, long length, ByteSum[] sinks,
      java.util.concurrent.ExecutorService threads) {
    Flux.range(0, sinks.length)
        .flatMap(i -> flux(name, offsets[i], length).doOnNext(db -> consume(db, sinks[i])).then(), sinks.length)
        .blockLast();
  }

  @Override
  public void close() {}
}
