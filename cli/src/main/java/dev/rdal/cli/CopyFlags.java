package dev.rdal.cli;

import dev.rdal.ErrorKind;
import picocli.CommandLine.Option;

/** The options {@code cp} and {@code mv} share. */
final class CopyFlags {

  @Option(names = "--transfers", paramLabel = "N", description = "Files copied at once (default 4).")
  int transfers = CliDefaults.TRANSFERS;

  @Option(names = "--dry-run", description = "Print what would be copied; copy nothing.")
  boolean dryRun;

  @Option(names = "--checksum", description = "Read each copy back and compare its CRC32C with the source's.")
  boolean checksum;

  @Option(names = "--streaming",
      description = "Move the bytes through this process even within one store (no store-side copy).")
  boolean streaming;

  @Option(names = "--bwlimit", paramLabel = "BYTES",
      description = "Bytes per second over all transfers, e.g. 10m (default: no limit).")
  String bwlimit;

  @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
      description = "Draw progress: auto (when stdout is a terminal), always or never.")
  Progress.Mode progress = Progress.Mode.AUTO;

  CopyOptions options(boolean recursive) {
    if (transfers < 1) {
      throw CliFailure.of(ErrorKind.INVALID_INPUT, null, "--transfers must be at least 1, was " + transfers);
    }
    return new CopyOptions(recursive, transfers, dryRun, checksum, streaming);
  }

  long bwlimitBytes() {
    if (bwlimit == null) {
      return 0;
    }
    try {
      long n = Sizes.parse(bwlimit);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (RuntimeException e) {
      throw CliFailure.of(ErrorKind.INVALID_INPUT, null, "--bwlimit must be a positive size such as 10m, was '"
          + bwlimit + "'");
    }
  }
}
