package dev.rdal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C mid-copy: a real SIGINT to a real child process. The copy is paced by {@code --bwlimit} so that it
 * takes minutes; the signal is sent once the copy's temporary file at the target holds bytes.
 */
class InterruptTest {

  @TempDir
  Path tmp;

  @Test
  void ctrlCDuringCopyLeavesNoPartialObjectAndExits130() throws Exception {
    Path src = tmp.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.setLength(256L << 20);
    }
    Files.createDirectories(tmp.resolve("out"));
    Process p = new ProcessBuilder(ChildCli.command(List.of("-Xmx128m"), "cp", "--progress=always", "--bwlimit",
        "1m", "big.bin", "out/big.bin")).directory(tmp.toFile())
        .redirectOutput(tmp.resolve("progress.txt").toFile()).start();
    try {
      waitForBytesWritten(tmp.resolve("out"), p);
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("stderr: %s", err).isEqualTo(ExitCodes.INTERRUPTED);
      assertThat(err).contains("rdal: interrupted");
      try (Stream<Path> left = Files.list(tmp.resolve("out"))) {
        assertThat(left).as("no object and no temporary file at the target").isEmpty();
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Waits (on file system events) until the copy's temporary file at the target holds bytes. */
  private static void waitForBytesWritten(Path dir, Process p) throws IOException, InterruptedException {
    try (WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      while (p.isAlive()) {
        try (Stream<Path> files = Files.list(dir)) {
          if (files.anyMatch(f -> f.getFileName().toString().startsWith(".rdal-tmp-") && size(f) > 0)) {
            return;
          }
        }
        WatchKey key = watch.poll(5, TimeUnit.SECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
    throw new AssertionError("the copy ended before writing: exit " + p.exitValue());
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException gone) {
      return 0;
    }
  }
}
