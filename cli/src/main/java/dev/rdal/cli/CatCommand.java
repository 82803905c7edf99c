package dev.rdal.cli;

import dev.rdal.ByteRange;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.ReadOptions;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdal cat}: an object's bytes (or a range of them) streamed to stdout. */
@Command(name = "cat", description = "Write an object's bytes to stdout, streamed.")
final class CatCommand extends StoreCommand {

  @Option(names = "--range", paramLabel = "RANGE",
      description = "Bytes a-b (inclusive), the last N (-N), or from a to the end (a-).")
  String range;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The object.")
  String location;

  @Override
  void run() {
    Location loc = location(location);
    ByteRange r = range == null ? ByteRange.all() : parseRange(range, loc.display());
    Operator op = operator(loc);
    PrintStream out = cli().out;
    byte[] copy = new byte[64 << 10];
    try {
      for (ByteBuffer b : op.read(loc.storePath(), ReadOptions.range(r)).toIterable(4)) {
        if (b.hasArray()) {
          out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
          while (b.hasRemaining()) {
            int n = Math.min(copy.length, b.remaining());
            b.get(copy, 0, n);
            out.write(copy, 0, n);
          }
        }
      }
    } catch (RuntimeException e) {
      throw CliFailure.at(loc.display(), e);
    }
    out.flush();
  }

  /** Parses {@code a-b}, {@code -N} or {@code a-}; anything else is {@code INVALID_INPUT}. */
  static ByteRange parseRange(String text, String location) {
    try {
      int dash = text.indexOf('-');
      if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
        throw new NumberFormatException();
      }
      String a = text.substring(0, dash).trim();
      String b = text.substring(dash + 1).trim();
      if (a.isEmpty()) {
        return ByteRange.suffix(Long.parseLong(b));
      }
      long first = Long.parseLong(a);
      if (b.isEmpty()) {
        return ByteRange.from(first);
      }
      long last = Long.parseLong(b);
      if (last < first) {
        throw CliFailure.of(ErrorKind.INVALID_INPUT, location, "range '" + text + "' ends before it starts");
      }
      return ByteRange.of(first, Math.addExact(last - first, 1));
    } catch (NumberFormatException | ArithmeticException e) {
      throw CliFailure.of(ErrorKind.INVALID_INPUT, location, "range '" + text + "' is not a-b, -N or a-");
    } catch (dev.rdal.RdalException e) {
      throw CliFailure.at(location, e);
    }
  }
}
