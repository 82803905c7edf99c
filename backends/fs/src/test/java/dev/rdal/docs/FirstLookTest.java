package dev.rdal.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ByteRange;
import dev.rdal.ListOptions;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root README's "A first look", compiled and run as written: it prints the range and the listing. */
class FirstLookTest {

  @TempDir
  Path dir;

  @Test
  void firstLookPrintsTheServedRangeItsBytesAndTheListing() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      firstLook(dir);
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("bytes 1-3/5", "ell", "docs/hello.txt");
    assertThat(dir.resolve("docs/hello.txt")).hasContent("hello");
  }

  static void firstLook(Path dir) {
    // tag::first-look[]
    try (Operator op = Operator.of("fs://" + dir)) {            // dir: absolute, e.g. fs:///tmp/rdal-data
      op.write("docs/hello.txt", "hello".getBytes()).block();  // temp file + atomic rename, run by block()

      ReadResult r = op.readWithMeta("docs/hello.txt", ReadOptions.range(ByteRange.of(1, 3))).block();
      System.out.println(r.contentRange());                    // bytes 1-3/5: what was served, and the size
      System.out.println(new String(r.bodyBytes().block()));   // ell: consume the body (or r.discard())

      op.list("docs/", ListOptions.recursively())
          .doOnNext(e -> System.out.println(e.path()))         // docs/hello.txt
          .blockLast();                                        // finish before the operator closes
    }
    // end::first-look[]
  }
}
