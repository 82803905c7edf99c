package dev.rdal.cli;

import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decides which files a copy moves and where each lands: a file onto a file path, or into a directory
 * (a target ending in {@code /} or an existing directory); with {@code -r}, a directory's files below the
 * target directory, keeping their relative paths. The listing is gathered first, so the totals of the
 * progress display are exact (one entry in memory per file).
 */
final class CopyPlanner {

  private final Stores stores;

  CopyPlanner(Stores stores) {
    this.stores = stores;
  }

  List<Transfer> plan(Location source, Location target, boolean recursive, Consumer<Transfer> planned) {
    Operator src = stores.operator(source);
    ObjectMeta meta = statSource(src, source);
    List<Transfer> out = new ArrayList<>();
    if (!meta.directory()) {
      Location dst = target.namesDirectory() || isDirectory(target) ? target.child(meta.name()) : target;
      Transfer t = new Transfer(source, meta, dst);
      out.add(t);
      planned.accept(t);
      return out;
    }
    if (!recursive) {
      throw CliFailure.of(ErrorKind.IS_A_DIRECTORY, source.display(), "is a directory; use -r to copy it");
    }
    String prefix = meta.path().equals("/") ? "" : meta.path();
    Location srcDir = source.namesDirectory() ? source : source.withPath(source.path() + "/", source.display() + "/");
    Location dstDir = target.namesDirectory() ? target : target.withPath(target.path() + "/", target.display() + "/");
    try {
      for (ObjectMeta m : src.list(prefix.isEmpty() ? "/" : prefix, ListOptions.recursively()).toIterable(256)) {
        if (m.directory()) {
          continue;
        }
        String rel = m.path().substring(prefix.length());
        Transfer t = new Transfer(srcDir.child(rel), m, dstDir.child(rel));
        out.add(t);
        planned.accept(t);
      }
    } catch (RuntimeException e) {
      throw CliFailure.at(source.display(), e);
    }
    return out;
  }

  /** The source's metadata; a path without {@code /} that is missing is tried as a directory too. */
  static ObjectMeta statSource(Operator op, Location source) {
    try {
      return op.stat(source.storePath()).block();
    } catch (RuntimeException e) {
      if (RdalException.isKind(e, ErrorKind.NOT_FOUND) && !source.namesDirectory()) {
        try {
          return op.stat(source.path() + "/").block();
        } catch (RuntimeException again) {
          throw CliFailure.at(source.display(), e);
        }
      }
      throw CliFailure.at(source.display(), e);
    }
  }

  private boolean isDirectory(Location target) {
    try {
      return Boolean.TRUE.equals(stores.operator(target).stat(target.storePath())
          .map(ObjectMeta::directory).onErrorReturn(false).block());
    } catch (CliFailure e) {
      throw e;
    }
  }
}
