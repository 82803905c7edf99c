package dev.rdal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.s3.S3ForCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles from config.toml, environment overrides, one-line errors naming file and line, no secrets shown. */
class ProfilesTest {

  @TempDir
  Path tmp;

  private Path config(String text) throws IOException {
    Path file = tmp.resolve("config/rdal/config.toml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aProfileNamesAStoreAndTheEnvironmentOverridesIt() throws IOException {
    Files.createDirectories(tmp.resolve("one"));
    Files.createDirectories(tmp.resolve("two"));
    Files.writeString(tmp.resolve("one/a.txt"), "from one");
    Files.writeString(tmp.resolve("two/a.txt"), "from two");
    config("""
        # local stores
        [profiles.local]
        type = "fs"
        root = "%s"
        read-ahead = 1

        [profiles.scratch]
        type = "memory"
        """.formatted(tmp.resolve("one")));
    try (CliHarness h = new CliHarness(tmp)) {
      assertThat(h.run("cat", "local:/a.txt").out()).isEqualTo("from one");
      assertThat(h.run("cat", "local:a.txt").out()).isEqualTo("from one");
    }
    try (CliHarness h = new CliHarness(tmp)) {
      h.env.put("RDAL_PROFILE_LOCAL_ROOT", tmp.resolve("two").toString());
      h.env.put("RDAL_PROFILE_LOCAL_READ_AHEAD", "0");
      assertThat(h.run("cat", "local:/a.txt").out()).isEqualTo("from two");
    }
    try (CliHarness h = new CliHarness(tmp)) {
      h.env.put("RDAL_PROFILE_ENVONLY_TYPE", "fs");
      h.env.put("RDAL_PROFILE_ENVONLY_ROOT", tmp.resolve("two").toString());
      assertThat(h.run("cat", "envonly:/a.txt").out()).isEqualTo("from two");
      assertThat(h.run("cp", "envonly:/a.txt", "scratch:/b.txt").code()).isZero();
      assertThat(h.run("cat", "scratch:/b.txt").out()).isEqualTo("from two");
    }
  }

  @Test
  void theConfigFlagPicksAnotherFile() throws IOException {
    Path other = tmp.resolve("other.toml");
    Files.writeString(other, "[profiles.m]\ntype = \"memory\"\n");
    try (CliHarness h = new CliHarness(tmp)) {
      assertThat(h.run("--config", other.toString(), "ls", "m:/").code()).isZero();
      assertThat(h.run("ls", "m:/").code()).isEqualTo(ExitCodes.of(dev.rdal.ErrorKind.CONFIG_INVALID));
    }
  }

  private void failsAt(String toml, int line, String message) throws IOException {
    Path file = config(toml);
    try (CliHarness h = new CliHarness(tmp)) {
      CliHarness.Result r = h.run("ls", "anything:/");
      assertThat(r.code()).isEqualTo(ExitCodes.of(dev.rdal.ErrorKind.CONFIG_INVALID));
      assertThat(r.err()).startsWith("rdal: config invalid: " + file + ":" + line + ": ").contains(message)
          .hasLineCount(1);
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void malformedFilesFailWithOneLineNamingFileAndLine() throws IOException {
    failsAt("[profiles.a]\ntype = \"memory\"\nthis is not toml\n", 3, "");
    failsAt("[profiles.a]\ntype = \"s3\"\nbucket = \"b\"\ncolour = \"blue\"\n", 4, "unknown key 'colour'");
    failsAt("[profiles.a]\ntype = \"ftp\"\n", 2, "needs type = one of [fs, memory, s3]");
    failsAt("\n[profiles.a]\nroot = \"/x\"\n", 2, "needs type");
    failsAt("title = \"x\"\n", 1, "unknown key 'title'");
    failsAt("[profiles.a]\ntype = \"fs\"\nroot = [\"/x\"]\n", 3, "must be a string, number or boolean");
  }

  @Test
  void badEnvironmentVariablesAndUnknownProfilesAreNamed() {
    try (CliHarness h = new CliHarness(tmp)) {
      h.env.put("RDAL_PROFILE_X_TYPE", "memory");
      h.env.put("RDAL_PROFILE_X_COLOUR", "blue");
      CliHarness.Result r = h.run("ls", "x:/");
      assertThat(r.code()).isEqualTo(12);
      assertThat(r.err()).contains("environment variable RDAL_PROFILE_X_COLOUR: unknown key").hasLineCount(1);
    }
    try (CliHarness h = new CliHarness(tmp)) {
      CliHarness.Result r = h.run("ls", "nope:/");
      assertThat(r.code()).isEqualTo(12);
      assertThat(r.err()).contains("no profile 'nope'").hasLineCount(1);
    }
  }

  @Test
  void secretsAreNeverPrintedEvenVerbose() {
    Map<String, String> env = S3ForCli.profileEnv("vault");
    String secret = S3ForCli.secret();
    String keyId = env.get("RDAL_PROFILE_VAULT_ACCESS_KEY_ID");
    try (CliHarness h = new CliHarness(tmp)) {
      h.env.putAll(env);
      CliHarness.Result r = h.run("ls", "--verbose", "vault:/");
      assertThat(r.code()).isZero();
      assertThat(r.err()).contains("secret_access_key=***").contains("access_key_id=***")
          .doesNotContain(secret).doesNotContain(keyId);
      CliHarness.Result missing = h.run("-v", "stat", "vault:/nothing");
      assertThat(missing.err()).doesNotContain(secret).doesNotContain(keyId);
      String url = "s3://bucket/x?endpoint=http://127.0.0.1:1&secret_access_key=" + secret + "&access_key_id=" + keyId;
      CliHarness.Result direct = h.run("-v", "stat", url);
      assertThat(direct.code()).isNotZero();
      assertThat(direct.err()).contains("s3://bucket/x").doesNotContain(secret).doesNotContain(keyId);
    }
  }
}
