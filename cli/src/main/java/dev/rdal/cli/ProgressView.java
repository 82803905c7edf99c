package dev.rdal.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines of the progress display, as text: totals, rate and ETA, then one line per file in flight. */
final class ProgressView {

  /** At most this many files in flight are shown, then a count of the rest. */
  static final int MAX_FILE_LINES = 8;

  private ProgressView() {}

  static List<String> lines(TransferStats s, int width) {
    List<String> out = new ArrayList<>();
    double secs = Math.max(s.elapsedSeconds(), 1e-3);
    long done = s.bytesDone();
    long total = Math.max(s.totalBytes(), done);
    double rate = done / secs;
    String eta = rate <= 0 ? "-" : Sizes.seconds((long) Math.ceil((total - done) / rate));
    out.add(fit(String.format(Locale.ROOT, "Transferred: %s / %s, %d%%, %s/s, ETA %s",
        Sizes.bytes(done), Sizes.bytes(total), percent(done, total), Sizes.bytes((long) rate), eta), width));
    out.add(fit(String.format(Locale.ROOT, "Files:       %d / %d, elapsed %s", s.filesDone(), s.totalFiles(),
        Sizes.seconds((long) secs)), width));
    List<TransferStats.InFlight> files = s.inFlight();
    for (int i = 0; i < files.size() && i < MAX_FILE_LINES; i++) {
      TransferStats.InFlight f = files.get(i);
      long d = f.done.get();
      out.add(fit(String.format(Locale.ROOT, " * %s: %d%% %s / %s", f.name, percent(d, f.size), Sizes.bytes(d),
          Sizes.bytes(f.size)), width));
    }
    if (files.size() > MAX_FILE_LINES) {
      out.add(" * and " + (files.size() - MAX_FILE_LINES) + " more");
    }
    return out;
  }

  private static int percent(long done, long total) {
    return total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
  }

  private static String fit(String line, int width) {
    return width > 4 && line.length() >= width ? line.substring(0, width - 2) + "…" : line;
  }
}
