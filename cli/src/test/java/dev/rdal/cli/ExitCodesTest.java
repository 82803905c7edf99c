package dev.rdal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each failure exits with its kind's code and one short line naming the location. */
class ExitCodesTest {

  @TempDir
  Path tmp;

  @BeforeEach
  void files() throws IOException {
    Files.writeString(tmp.resolve("small.txt"), "0123456789");
    Files.createDirectories(tmp.resolve("dir"));
  }

  private CliHarness.Result run(String... args) {
    try (CliHarness h = new CliHarness(tmp)) {
      return h.run(args);
    }
  }

  private void fails(ErrorKind kind, String location, String... args) {
    CliHarness.Result r = run(args);
    assertThat(r.code()).as("%s; stderr: %s", kind, r.err()).isEqualTo(ExitCodes.of(kind));
    assertThat(r.err()).startsWith("rdal: " + kind.name().toLowerCase().replace('_', ' ') + ": "
        + (location != null ? location + ": " : "")).hasLineCount(1);
  }

  @Test
  void everyKindHasItsOwnCodeAfterOkAndUsage() {
    int[] codes = Arrays.stream(ErrorKind.values()).mapToInt(ExitCodes::of).toArray();
    assertThat(codes).doesNotHaveDuplicates().doesNotContain(ExitCodes.OK, ExitCodes.USAGE, ExitCodes.INTERRUPTED);
    assertThat(codes).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
  }

  @Test
  void usageErrorsExitOne() {
    assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("ls", "--no-such-option").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("cp", "only-one").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run("--help").code()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void eachKindExitsWithItsCode() {
    fails(ErrorKind.NOT_FOUND, "missing.txt", "stat", "missing.txt");
    fails(ErrorKind.NOT_FOUND, "memory:/nothing", "cat", "memory:/nothing");
    fails(ErrorKind.RANGE_NOT_SATISFIABLE, "small.txt", "cat", "--range", "100-200", "small.txt");
    fails(ErrorKind.IS_A_DIRECTORY, "dir", "cp", "dir", "elsewhere");
    fails(ErrorKind.IS_A_DIRECTORY, "dir", "rm", "dir");
    fails(ErrorKind.NOT_A_DIRECTORY, "small.txt/below", "mkdir", "small.txt/below");
    fails(ErrorKind.INVALID_INPUT, "small.txt", "cat", "--range", "x-y", "small.txt");
    fails(ErrorKind.INVALID_INPUT, null, "cp", "--transfers", "0", "small.txt", "b.txt");
    fails(ErrorKind.INVALID_INPUT, "small.txt", "presign", "--expires", "soon", "small.txt");
    fails(ErrorKind.UNSUPPORTED, "small.txt", "presign", "small.txt");
    fails(ErrorKind.CONFIG_INVALID, "s3://bucket/x", "stat", "s3://bucket/x?colour=blue");
    fails(ErrorKind.CONFIG_INVALID, null, "ls", "nosuchprofile:/x");
  }

  @Test
  void badInputLeavesNothingBehind() throws IOException {
    fails(ErrorKind.INVALID_INPUT, null, "cp", "--bwlimit", "fast", "small.txt", "b.txt");
    assertThat(tmp.resolve("b.txt")).doesNotExist();
  }
}
