package dev.rdal.cli;

import java.io.PrintStream;
import java.util.List;
import reactor.core.publisher.Mono;

/** One {@code cp} or {@code mv}: plans, prints a dry run or copies with progress, cancellable by Ctrl-C. */
final class CopyRun {

  private final CliContext cli;
  private final CopyFlags flags;

  CopyRun(CliContext cli, CopyFlags flags) {
    this.cli = cli;
    this.flags = flags;
  }

  /** Copies and returns the transfers done (or, in a dry run, that would be). */
  List<Transfer> copy(Location source, Location target, boolean recursive, Mono<Void> afterwards) {
    CopyOptions options = flags.options(recursive);
    long limit = flags.bwlimitBytes();
    if (limit > 0) {
      cli.stores.throttle(limit);
    }
    TransferStats stats = new TransferStats();
    List<Transfer> plan = new CopyPlanner(cli.stores).plan(source, target, recursive,
        t -> stats.planned(t.meta().size()));
    PrintStream out = cli.out;
    if (options.dryRun()) {
      for (Transfer t : plan) {
        out.println("would copy " + t.source().display() + " -> " + t.target().display() + " ("
            + Sizes.bytes(t.meta().size()) + ")");
      }
      return plan;
    }
    out.flush();
    stats.start();
    Progress progress = Progress.open(flags.progress, out, stats);
    boolean ok = false;
    try {
      Cancellable.run(new Copier(cli.stores, options, stats).copyAll(plan).then(afterwards), () -> {
        progress.finish(true);
        cli.err.println("rdal: interrupted; copies in flight were cancelled and left nothing behind");
        cli.err.flush();
      });
      ok = true;
    } finally {
      progress.finish(ok);
    }
    return plan;
  }
}
