package dev.rdal.examples.quickstart;

import dev.rdal.ByteRange;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The first program a newcomer runs: writes, reads a range, lists, stats and deletes, and prints what it
 * did. The store is the first argument as a URI; by default it is the fs backend on the local directory
 * {@value #DEFAULT_DIRECTORY} (created in the working directory, printed as the program starts), so the
 * files can be looked at with ordinary tools. {@code memory:} or any other URI works the same.
 */
public final class Quickstart {

  /** The local directory the default store lives in, relative to the working directory. */
  public static final String DEFAULT_DIRECTORY = "rdal-quickstart-data";

  private Quickstart() {}

  public static void main(String[] args) {
    String uri = args.length > 0 ? args[0] : defaultUri();
    Duration timeout = Duration.ofSeconds(30);
    try (Operator op = Operator.of(uri)) {
      System.out.println("rdal quickstart on " + uri + " (policy " + op.executionPolicy() + ")");

      byte[] text = "Hello from rdal: one Flux/Mono API over many stores.\n".getBytes(StandardCharsets.UTF_8);
      ObjectMeta written = op.write("quickstart/hello.txt", text).block(timeout);
      System.out.printf("write   %s: %d bytes, etag %s%n", written.path(), written.size(), written.etag());

      ReadResult range = op.readWithMeta("quickstart/hello.txt", ReadOptions.range(ByteRange.of(6, 10))).block(timeout);
      String slice = new String(range.bodyBytes().block(timeout), StandardCharsets.UTF_8);
      System.out.printf("read    %s range 6+10: \"%s\" (served %s)%n", written.path(), slice, range.contentRange());

      op.write("quickstart/data/numbers.bin", new byte[4096]).block(timeout);
      System.out.println("list    quickstart/ (recursive):");
      op.list("quickstart/", ListOptions.recursively())
          .doOnNext(e -> System.out.printf("          %-32s %s%n", e.path(), e.directory() ? "dir" : e.size() + " bytes"))
          .blockLast(timeout);

      ObjectMeta stat = op.stat("quickstart/hello.txt").block(timeout);
      System.out.printf("stat    %s: %d bytes, modified %s%n", stat.path(), stat.size(), stat.lastModified());

      op.deleteRecursive("quickstart/").block(timeout);
      System.out.printf("delete  quickstart/ recursively; exists now: %s%n", op.exists("quickstart/").block(timeout));
    }
  }

  /** {@code fs://} on {@link #DEFAULT_DIRECTORY}, as an absolute path. */
  static String defaultUri() {
    Path dir = Path.of(DEFAULT_DIRECTORY).toAbsolutePath().normalize();
    return "fs://" + dir.toUri().getRawPath();
  }
}
