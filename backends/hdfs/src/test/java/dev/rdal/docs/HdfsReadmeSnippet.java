package dev.rdal.docs;

import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import java.nio.ByteBuffer;

/**
 * The hdfs README's first example, compiled against the API as written (it names a NameNode of the
 * reader's own, so the module's cluster tests, not this class, run its calls).
 */
final class HdfsReadmeSnippet {

  private HdfsReadmeSnippet() {
  }

  static void example(byte[] bytes) {
    // tag::hdfs-first-look[]
    try (Operator op = Operator.of("hdfs://namenode:8020/data?dfs.client.socket-timeout=120000")) {
      op.write("logs/2026-12-04.log", bytes).block();     // temporary file + rename
      op.read("logs/2026-12-04.log", ReadOptions.defaults().withLentBuffers(true))
          .doOnNext(buffer -> consume(buffer))               // lent: valid until onNext returns
          .blockLast();
    }
    // end::hdfs-first-look[]
  }

  private static void consume(ByteBuffer buffer) {
    buffer.position(buffer.limit());
  }
}
