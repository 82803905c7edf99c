package dev.rdal.s3;

import dev.rdal.ErrorKind;
import dev.rdal.Paths;
import dev.rdal.RdalException;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.model.EncodingType;

/**
 * Gives S3's flat key space the file-system rules every rdal backend shares: a file cannot be written where
 * a directory (a non-empty prefix) is, nor below a file. S3 itself allows both ({@code d} and {@code d/x}
 * may coexist), so each check costs requests: one LIST for the target and one HEAD per ancestor, issued
 * together before the write. With {@code path_checks=false} they are skipped and S3's own rules apply.
 */
final class S3PathRules {

  private final S3ClientSource clients;
  private final String bucket;
  private final S3Keys keys;
  private final boolean enabled;

  S3PathRules(S3ClientSource clients, String bucket, S3Keys keys, boolean enabled) {
    this.clients = clients;
    this.bucket = bucket;
    this.keys = keys;
    this.enabled = enabled;
  }

  /** Fails with IS_A_DIRECTORY when keys lie below {@code path/}, NOT_A_DIRECTORY when a parent is a file. */
  Mono<Void> checkFileTarget(String path, String op) {
    if (!enabled) {
      return Mono.empty();
    }
    Mono<Void> notADirectory = hasKeysBelow(Paths.asDirectory(path))
        .flatMap(dir -> dir
            ? Mono.<Void>error(RdalException.builder(ErrorKind.IS_A_DIRECTORY, "a directory exists at this path")
                .backend("s3").operation(op).path(path).build())
            : Mono.empty());
    return Mono.when(notADirectory, parentsAreNotFiles(path, op, false));
  }

  /** Fails with NOT_A_DIRECTORY when {@code dir} itself or one of its parents is a file. */
  Mono<Void> checkDirectoryTarget(String dir, String op) {
    return parentsAreNotFiles(dir, op, true);
  }

  private Mono<Void> parentsAreNotFiles(String path, String op, boolean includeSelf) {
    List<String> files = new ArrayList<>();
    String p = includeSelf ? path : Paths.parent(path);
    while (!Paths.ROOT.equals(p)) {
      files.add(Paths.asFile(p));
      p = Paths.parent(p);
    }
    if (!enabled && !includeSelf) {
      return Mono.empty();
    }
    if (!enabled) {
      files = files.subList(0, Math.min(1, files.size()));
    }
    return Flux.fromIterable(files)
        .flatMap(f -> isFile(f).flatMap(file -> file
            ? Mono.<Void>error(RdalException.builder(ErrorKind.NOT_A_DIRECTORY,
                    f.equals(Paths.asFile(path)) ? "a file exists at this path" : "parent '" + f + "' is a file")
                .backend("s3").operation(op).path(path).build())
            : Mono.empty()))
        .then();
  }

  private Mono<Boolean> isFile(String path) {
    return Mono.fromFuture(() -> clients.current().headObject(b -> b.bucket(bucket).key(keys.key(path))))
        .map(h -> true)
        .onErrorResume(e -> S3Errors.status(e) == 404, e -> Mono.just(false))
        .onErrorMap(e -> S3Errors.map(e, "stat", path));
  }

  private Mono<Boolean> hasKeysBelow(String dir) {
    String prefix = keys.probePrefix(dir);
    if (prefix == null) {
      return Mono.just(false);
    }
    return Mono.fromFuture(() -> clients.current().listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1)
            .encodingType(EncodingType.URL)))
        .map(r -> !r.contents().isEmpty())
        .onErrorMap(e -> S3Errors.map(e, "stat", dir));
  }
}
