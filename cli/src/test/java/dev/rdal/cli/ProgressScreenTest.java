package dev.rdal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress display as a person sees it: {@code rdal cp} runs in a tmux pseudo-terminal (its own server
 * on a private socket), and the screen is captured once the command has ended.
 */
class ProgressScreenTest {

  @TempDir
  Path tmp;

  @Test
  void theFinalScreenShowsTotalsAndNoFileStillInFlight() throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    byte[] data = new byte[3 << 20];
    new Random(1).nextBytes(data);
    Files.write(src.resolve("big.bin"), data);
    for (int i = 0; i < 3; i++) {
      Files.write(src.resolve("small-" + i + ".bin"), new byte[64 << 10]);
    }
    String socket = "rdal-test-" + UUID.randomUUID();
    String channel = "done-" + UUID.randomUUID();
    String cp = ChildCli.command(List.of(), "cp", "-r", "--bwlimit", "4m", src.toString(), tmp.resolve("dst") + "/")
        .stream().map(ProgressScreenTest::quote).collect(Collectors.joining(" "));
    Path script = tmp.resolve("run.sh");
    Files.writeString(script, "cd " + quote(tmp.toString()) + "\n" + cp + "\necho \"exit=$?\"\n"
        + "tmux -L " + socket + " wait-for -S " + channel + "\nread forever\n");
    try {
      tmux(socket, "new-session", "-d", "-x", "120", "-y", "20", "sh " + quote(script.toString()));
      tmux(socket, "wait-for", channel);
      String screen = tmux(socket, "capture-pane", "-p");
      assertThat(screen).contains("exit=0");
      List<String> lines = screen.lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Transferred: 3.2 MiB / 3.2 MiB, 100%, ")
          .contains(" ETA 0s"));
      assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Files:       4 / 4, elapsed "));
      assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith(" * "));
      assertThat(lines.stream().filter(l -> l.startsWith("Transferred:")).count()).as("redrawn in place").isEqualTo(1);
      assertThat(Files.readAllBytes(tmp.resolve("dst/big.bin"))).isEqualTo(data);
    } finally {
      new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String tmux(String socket, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("tmux", "-L", socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("tmux %s: %s", List.of(args), out).isZero();
    return out;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
