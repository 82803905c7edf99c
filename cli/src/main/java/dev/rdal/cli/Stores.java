package dev.rdal.cli;

import dev.rdal.Operator;
import dev.rdal.layers.Layers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators of one run, one per store, opened on first use and closed together. {@code memory:} is one
 * store per {@code Stores}, so within one process (one command) it is shared by both sides of a copy.
 */
final class Stores implements AutoCloseable {

  private final Map<String, Operator> open = new LinkedHashMap<>();
  private PrintStream verbose;
  private long throttleBytesPerSecond;

  /** Stores opened on first use. */
  Stores() {}

  /** Prints what is opened on {@code stream} from now on (secrets redacted); null keeps quiet. */
  synchronized void verbose(PrintStream stream) {
    this.verbose = stream;
  }

  /** Paces every body read or written through stores opened from now on (a test aid). */
  void throttle(long bytesPerSecond) {
    this.throttleBytesPerSecond = bytesPerSecond;
  }

  synchronized Operator operator(Location location) {
    Operator op = open.get(location.storeKey());
    if (op == null) {
      try {
        Operator.Builder b = Operator.builder(location.type()).config(location.config());
        if (throttleBytesPerSecond > 0) {
          b.layer(Layers.throttle(throttleBytesPerSecond));
        }
        op = b.build();
      } catch (RuntimeException e) {
        throw CliFailure.at(location.display(), e);
      }
      if (verbose != null) {
        verbose.println("rdal: opened " + location.type() + " store " + redactedKey(location) + " ("
            + new Profile("-", location.type(), location.config(), "-").redacted() + "), policy "
            + op.executionPolicy());
      }
      open.put(location.storeKey(), op);
    }
    return op;
  }

  private static String redactedKey(Location l) {
    return Locations.stripQuery(l.storeKey());
  }

  @Override
  public synchronized void close() {
    List<Operator> ops = new ArrayList<>(open.values());
    open.clear();
    for (Operator op : ops) {
      try {
        op.close();
      } catch (RuntimeException e) {
        // closing is best effort at the end of a run
      }
    }
  }
}
