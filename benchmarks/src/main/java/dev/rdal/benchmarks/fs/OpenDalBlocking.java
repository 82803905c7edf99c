package dev.rdal.benchmarks.fs;

import dev.rdal.benchmarks.ByteSum;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.opendal.AsyncOperator;
import org.apache.opendal.Operator;

/**
 * Apache OpenDAL's Java binding, fs service, blocking {@link Operator}: every read returns a fresh
 * {@code byte[]} copied out of native memory; writes take one {@code byte[]} (copied once, outside the
 * measurement, from the chunks).
 */
final class OpenDalBlocking implements FsImplementation {

  private final AsyncOperator async;
  private final Operator op;
  private byte[] writeSource;

  OpenDalBlocking(Path root) {
    this.async = AsyncOperator.of("fs", Map.of("root", root.toString()));
    this.op = async.blocking();
  }

  @Override
  public void read(String name, long offset, long length, ByteSum sink) {
    byte[] bytes = op.read(name, offset, length);
    sink.add(bytes, 0, bytes.length);
  }

  @Override
  public InputStream open(String name) {
    return op.createInputStream(name);
  }

  @Override
  public void write(String name, List<ByteBuffer> chunks) {
    if (writeSource == null) {
      writeSource = OpenDalAsync.concat(chunks);
    }
    op.write(name, writeSource);
  }

  @Override
  public void close() {
    op.close();
    async.close();
  }
}
