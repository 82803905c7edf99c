package dev.rdal.webdav;

import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the kit cases a given server cannot pass whatever the client does, naming why; registered on a kit
 * class, it reaches the kit's nested categories. Each entry is a measured behaviour of the server, not of this
 * backend.
 */
abstract class ServerLimits implements ExecutionCondition {

  /** Kit case method name to the reason the server cannot pass it. */
  abstract Map<String, String> limits();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String reason = context.getTestMethod().map(m -> limits().get(m.getName())).orElse(null);
    return reason == null ? ConditionEvaluationResult.enabled("no known server limit")
        : ConditionEvaluationResult.disabled(reason);
  }

  /** nginx 1.22 with the dav-ext module 3.0.0, as Debian 12 ships them. */
  static final class Nginx extends ServerLimits {
    @Override
    Map<String, String> limits() {
      return Map.of(
          "dottedNames", "nginx's dav-ext module leaves names starting with '.' out of PROPFIND answers, so no"
              + " WebDAV request lists them (they still read, write and stat)",
          "ifMatchStaleEtag", "nginx's ETag is the modification time in whole seconds plus the size, so two writes"
              + " of the same size within one second share an ETag and If-Match cannot tell them apart");
    }
  }

  /** rclone 1.60 serve webdav, as Debian 12 ships it. */
  static final class Rclone extends ServerLimits {
    @Override
    Map<String, String> limits() {
      return Map.of(
          "concurrentWritersNeverMix", "rclone's WebDAV server (golang.org/x/net/webdav) runs MOVE with Overwrite: T"
              + " as a delete of the target followed by a rename, so a read during an overwrite can find no file;"
              + " it never sees a mix, but the case counts that read as a failure");
    }
  }
}
