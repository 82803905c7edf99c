package dev.rdal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.s3.S3ForCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command on memory, fs and S3 (S3Proxy on 127.0.0.1), run in this JVM as the launcher runs it. */
class CommandsTest {

  @TempDir
  Path tmp;

  private String base(String kind, CliHarness h) throws IOException {
    return switch (kind) {
      case "memory" -> "memory:/t/";
      case "fs" -> {
        Files.createDirectories(tmp.resolve("store"));
        yield "fs://" + tmp.resolve("store").toUri().getRawPath();
      }
      case "s3" -> {
        h.env.putAll(S3ForCli.profileEnv("s3t"));
        yield "s3t:/t/";
      }
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static CliHarness.Result ok(CliHarness.Result r) {
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isZero();
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "fs", "s3"})
  void everyCommandWorksOnEachStore(String kind) throws IOException {
    try (CliHarness h = new CliHarness(tmp)) {
      String base = base(kind, h);
      Files.writeString(tmp.resolve("hello.txt"), "hello, rdal\n");

      ok(h.run("mkdir", base + "dir/"));
      ok(h.run("cp", "hello.txt", base + "dir/"));
      assertThat(ok(h.run("ls", base + "dir/")).out()).isEqualTo("hello.txt\n");
      assertThat(ok(h.run("ls", base + "dir")).out()).isEqualTo("hello.txt\n");
      assertThat(ok(h.run("ls", "-r", "-l", base)).out()).contains("dir/hello.txt").contains("12  ");
      assertThat(ok(h.run("ls", "--json", base + "dir/")).out())
          .startsWith("{\"path\":\"t/dir/hello.txt\",\"name\":\"hello.txt\",\"type\":\"file\",\"size\":12,"
              .replace("t/dir", kind.equals("fs") ? stripped(tmp.resolve("store/dir")) : "t/dir"))
          .endsWith("}\n");
      assertThat(ok(h.run("ls", base + "dir/hello.txt")).out()).isEqualTo("hello.txt\n");

      assertThat(ok(h.run("stat", base + "dir/hello.txt")).out()).contains("type:         file")
          .contains("size:         12 (12 B)");
      assertThat(ok(h.run("stat", "--json", base + "dir/hello.txt")).out())
          .startsWith("{\"location\":\"" + base + "dir/hello.txt\",").contains("\"size\":12");

      assertThat(ok(h.run("cat", base + "dir/hello.txt")).out()).isEqualTo("hello, rdal\n");
      assertThat(ok(h.run("cat", "--range", "0-4", base + "dir/hello.txt")).out()).isEqualTo("hello");
      assertThat(ok(h.run("cat", "--range", "-5", base + "dir/hello.txt")).out()).isEqualTo("rdal\n");
      assertThat(ok(h.run("cat", "--range", "7-", base + "dir/hello.txt")).out()).isEqualTo("rdal\n");

      assertThat(ok(h.run("cp", "--dry-run", base + "dir/hello.txt", base + "dry.txt")).out())
          .startsWith("would copy " + base + "dir/hello.txt -> " + base + "dry.txt");
      assertThat(h.run("stat", base + "dry.txt").code()).isEqualTo(ExitCodes.of(dev.rdal.ErrorKind.NOT_FOUND));

      assertThat(ok(h.run("cp", "-r", "--checksum", "--transfers", "2", base + "dir", base + "copy/")).out())
          .as("no progress when stdout is not a terminal").isEmpty();
      assertThat(ok(h.run("ls", base + "copy/")).out()).isEqualTo("hello.txt\n");
      ok(h.run("cp", "--checksum", base + "copy/hello.txt", "back.txt"));
      assertThat(Files.readString(tmp.resolve("back.txt"))).isEqualTo("hello, rdal\n");

      ok(h.run("mv", base + "copy/hello.txt", base + "moved.txt"));
      assertThat(h.run("stat", base + "copy/hello.txt").code()).isEqualTo(2);
      assertThat(ok(h.run("cat", base + "moved.txt")).out()).isEqualTo("hello, rdal\n");
      ok(h.run("mv", base + "dir", base + "dir2/"));
      assertThat(ok(h.run("cat", base + "dir2/hello.txt")).out()).isEqualTo("hello, rdal\n");

      ok(h.run("rm", base + "moved.txt"));
      assertThat(h.run("stat", base + "moved.txt").code()).isEqualTo(2);
      assertThat(h.run("rm", base + "dir2").code()).isEqualTo(ExitCodes.of(dev.rdal.ErrorKind.IS_A_DIRECTORY));
      ok(h.run("rm", "-r", base + "dir2"));
      assertThat(h.run("ls", base + "dir2/").code()).isEqualTo(2);

      CliHarness.Result presign = h.run("presign", "--expires", "15m", base + "dry-missing-is-fine.txt");
      if (kind.equals("s3")) {
        assertThat(presign.code()).isZero();
        assertThat(presign.out()).startsWith("http://127.0.0.1:").contains("X-Amz-Expires=900");
      } else {
        assertThat(presign.code()).isEqualTo(ExitCodes.of(dev.rdal.ErrorKind.UNSUPPORTED));
        assertThat(presign.err()).startsWith("rdal: unsupported: " + base + "dry-missing-is-fine.txt: ");
      }
    }
  }

  private static String stripped(Path p) {
    return p.toAbsolutePath().toString().substring(1);
  }

  @Test
  void aLargeS3ObjectIsDownloadedInParallelRangesAndArrivesWhole() throws IOException {
    byte[] data = new byte[(int) CliDefaults.PARALLEL_READ_THRESHOLD + 3 * CliDefaults.PART_SIZE / 2];
    new Random(7).nextBytes(data);
    Files.write(tmp.resolve("big.bin"), data);
    try (CliHarness h = new CliHarness(tmp)) {
      String base = base("s3", h);
      ok(h.run("cp", "big.bin", base + "big.bin"));
      ok(h.run("cp", "--checksum", base + "big.bin", "back.bin"));
      assertThat(Files.readAllBytes(tmp.resolve("back.bin"))).isEqualTo(data);
    }
  }

  @Test
  void benchPrintsRatesAndTheRatioToARawLoop() {
    try (CliHarness h = new CliHarness(tmp)) {
      CliHarness.Result r = ok(h.run("bench", "--size", "2m", "--seconds", "1", "--dir", tmp.toString()));
      assertThat(r.out()).contains("raw FileChannel loop").contains("rdal fs (lent)").contains("ratio rdal/raw");
      assertThat(tmp.toFile().list()).as("the test file is deleted").isEmpty();
      assertThat(h.run("bench", "--size", "lots").code()).isEqualTo(ExitCodes.of(dev.rdal.ErrorKind.INVALID_INPUT));
    }
  }

  @Test
  void memoryLastsForTheRunThatMadeIt() throws IOException {
    Files.writeString(tmp.resolve("a.txt"), "a");
    try (CliHarness first = new CliHarness(tmp); CliHarness second = new CliHarness(tmp)) {
      ok(first.run("cp", "a.txt", "memory:/a.txt"));
      assertThat(ok(first.run("cat", "memory:/a.txt")).outBytes()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
      assertThat(second.run("cat", "memory:/a.txt").code()).isEqualTo(2);
    }
  }
}
