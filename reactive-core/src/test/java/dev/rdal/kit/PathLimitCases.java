package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Capability;
import dev.rdal.DeleteResult;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.RdalException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The limits a backend declares ({@link dev.rdal.Capabilities#maxPathBytes()},
 * {@link dev.rdal.Capabilities#maxNameBytes()}), checked generically: a path or name one byte of UTF-8 over
 * the limit is {@code INVALID_INPUT} naming the limit for every operation; one exactly at the limit
 * works. Paths are built with two-byte characters in them, so a limit counted in characters instead of
 * bytes fails. A backend that declares no limit skips these cases with that reason.
 */
abstract class PathLimitCases extends KitCases {

  /** A character of two bytes in UTF-8. */
  private static final String TWO_BYTES = "é";

  PathLimitCases(BehaviorKit kit) {
    super(kit);
  }

  private int maxPath() {
    Assumptions.assumeTrue(op().capabilities().maxPathBytes().isPresent(),
        () -> "backend '" + op().scheme() + "' declares no path limit");
    return op().capabilities().maxPathBytes().getAsInt();
  }

  private int maxName() {
    Assumptions.assumeTrue(op().capabilities().maxNameBytes().isPresent(),
        () -> "backend '" + op().scheme() + "' declares no name limit");
    return op().capabilities().maxNameBytes().getAsInt();
  }

  /** Name-limit of the backend, or a generous default when it has none. */
  private int nameBudget() {
    return op().capabilities().maxNameBytes().orElse(200);
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** A name of exactly {@code bytes} bytes of UTF-8 (at least 2), with a two-byte character in it. */
  static String name(int bytes) {
    return TWO_BYTES + "n".repeat(bytes - 2);
  }

  /** A file path in this case's directory of exactly {@code bytes} bytes, no name longer than the budget. */
  String pathOf(int bytes) {
    int budget = Math.min(nameBudget(), 200);
    StringBuilder sb = new StringBuilder(dir);
    while (bytes - utf8(sb.toString()) > budget) {
      int left = bytes - utf8(sb.toString());
      // a directory name of (budget - 1) bytes and its '/', leaving at least 2 bytes for the file's name
      int take = Math.min(budget - 1, left - 3);
      sb.append(name(take)).append('/');
    }
    sb.append(name(bytes - utf8(sb.toString())));
    String p = sb.toString();
    assertThat(utf8(p)).isEqualTo(bytes);
    return p;
  }

  private void assertAllRefused(String path, int limit) {
    List<RdalException> errors = new ArrayList<>();
    errors.add(error(op().write(path, bytes(1))));
    errors.add(error(op().read(path)));
    errors.add(error(op().stat(path)));
    errors.add(error(op().exists(path)));
    errors.add(error(op().delete(path)));
    errors.add(error(op().list(path)));
    if (op().capabilities().has(Capability.CREATE_DIR)) {
      errors.add(error(op().createDir(path)));
    }
    if (op().capabilities().has(Capability.POSITIONAL_READ)) {
      errors.add(error(op().openReader(path)));
    }
    if (op().capabilities().has(Capability.COPY) || op().capabilities().has(Capability.RENAME)) {
      put(p("source"), bytes(3));
      if (op().capabilities().has(Capability.COPY)) {
        errors.add(error(op().copy(p("source"), path)));
      }
      if (op().capabilities().has(Capability.RENAME)) {
        errors.add(error(op().rename(p("source"), path)));
      }
    }
    if (op().capabilities().has(Capability.PRESIGN)) {
      errors.add(error(op().presignRead(path, java.time.Duration.ofMinutes(1))));
      errors.add(error(op().presignWrite(path, java.time.Duration.ofMinutes(1))));
    }
    assertThat(errors).allSatisfy(e -> {
      assertThat(e.kind()).as("%s", e.getMessage()).isEqualTo(ErrorKind.INVALID_INPUT);
      assertThat(e.getMessage()).contains(String.valueOf(limit));
    });
    List<DeleteResult> results = op().deleteAll(Flux.just(path)).collectList().block(TIMEOUT);
    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.error()).isNotNull();
      assertThat(r.error().kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    });
    if (op().capabilities().has(Capability.LIST_RECURSIVE)) {
      assertThat(listPaths(dir, dev.rdal.ListOptions.recursively())).doesNotContain(path);
    }
  }

  private void assertWorks(String path) {
    byte[] content = bytes(5);
    put(path, content);
    assertThat(get(path)).isEqualTo(content);
    ObjectMeta m = stat(path);
    assertThat(m.size()).isEqualTo(5);
    String parent = path.substring(0, path.lastIndexOf('/') + 1);
    assertThat(listPaths(parent, dev.rdal.ListOptions.defaults())).contains(path);
    op().delete(path).block(TIMEOUT);
    assertThat(exists(path)).isFalse();
  }

  @Test
  @DisplayName("a path one byte over the backend's limit is INVALID_INPUT naming the limit, for every operation")
  void pathOverTheLimit() {
    int limit = maxPath();
    assertAllRefused(pathOf(limit + 1), limit);
  }

  @Test
  @DisplayName("a path exactly at the backend's limit is written, read, stated, listed and deleted")
  void pathAtTheLimit() {
    require(Capability.WRITE);
    assertWorks(pathOf(maxPath()));
  }

  @Test
  @DisplayName("a name one byte over the backend's limit is INVALID_INPUT naming the limit, for every operation")
  void nameOverTheLimit() {
    int limit = maxName();
    assertAllRefused(p(name(limit + 1)), limit);
  }

  @Test
  @DisplayName("a name exactly at the backend's limit is written, read, stated, listed and deleted")
  void nameAtTheLimit() {
    require(Capability.WRITE);
    assertWorks(p(name(maxName())));
  }
}
