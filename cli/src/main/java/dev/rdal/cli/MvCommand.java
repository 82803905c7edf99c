package dev.rdal.cli;

import dev.rdal.Capability;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Mono;

/**
 * {@code rdal mv}: moves a file or a directory. A file within one store that can rename is renamed;
 * anything else is copied, then the source is deleted once every copy succeeded.
 */
@Command(name = "mv", description = "Move a file or a directory (rename within a store, else copy then delete).")
final class MvCommand extends StoreCommand {

  @Mixin
  CopyFlags flags;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "What to move.")
  String source;

  @Parameters(index = "1", paramLabel = "TARGET", description = "Where to: a file path, or a directory.")
  String target;

  @Override
  void run() {
    Location from = location(source);
    Location to = location(target);
    Operator src = operator(from);
    ObjectMeta meta = CopyPlanner.statSource(src, from);
    if (!meta.directory() && from.sameStore(to) && src.capabilities().has(Capability.RENAME) && !flags.dryRun) {
      Location dst = to.namesDirectory() || isDirectory(to) ? to.child(meta.name()) : to;
      try {
        src.rename(from.path(), dst.path()).block();
      } catch (RuntimeException e) {
        throw CliFailure.at(from.display(), e);
      }
      verbose("renamed " + from.display() + " -> " + dst.display());
      return;
    }
    Mono<Void> deleteSource = Mono.defer(() -> meta.directory()
        ? src.deleteRecursive(meta.path()) : src.delete(from.path()))
        .onErrorMap(e -> CliFailure.at(from.display(), e));
    new CopyRun(cli(), flags).copy(from, to, true, flags.dryRun ? Mono.empty() : deleteSource);
  }

  private boolean isDirectory(Location l) {
    return Boolean.TRUE.equals(operator(l).stat(l.storePath()).map(ObjectMeta::directory).onErrorReturn(false).block());
  }
}
