package dev.rdal.fs;

import dev.rdal.scheduler.ExecutionPolicy;
import java.nio.file.Path;

/**
 * The whole behavior kit against fs with read-ahead on (it is off by default), under the global
 * policy: every read, range, cancellation and leak case also runs with chunks read ahead on a lane of
 * the shared scheduler, with chunks small enough that most reads span several.
 */
class FsReadAheadKitTest extends FsKitSupport {

  @Override
  protected ExecutionPolicy policy() {
    return ExecutionPolicy.global();
  }

  @Override
  protected FsOptions options(Path root) {
    return FsOptions.of(root).withChunkSize(64 * 1024).withReadAhead(2); // small chunks: most reads span several
  }
}
