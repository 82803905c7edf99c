package dev.rdal.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ByteRange;
import dev.rdal.Capabilities;
import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.memory.MemoryBackend;
import dev.rdal.spi.BackendConfig;
import dev.rdal.spi.ForwardingBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Captures what the logging layer writes through the test binding (slf4j-simple, which writes to the
 * current {@code System.err}) and checks it: a debug line per operation, a warn per failure, no secret.
 */
class LoggingLayerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String ACCESS_KEY = "AKIAEXAMPLEKEY123456";
  private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
  private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private Logger logger;

  @BeforeEach
  void captureLogs() {
    String name = "rdal.test.logging." + UUID.randomUUID().toString().replace("-", "");
    System.setProperty("org.slf4j.simpleLogger.log." + name, "debug");
    logger = LoggerFactory.getLogger(name);
    originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
  }

  private String output() {
    System.err.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** A store configured with credentials: it signs URLs with them and its client errors quote them. */
  private static final class CredentialedBackend extends ForwardingBackend {
    private final BackendConfig config;

    CredentialedBackend(BackendConfig config) {
      super(new MemoryBackend());
      this.config = config;
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.all();
    }

    @Override
    public Mono<ObjectMeta> stat(String path) {
      if (path.equals("denied")) {
        return Mono.error(RdalException.builder(ErrorKind.PERMISSION_DENIED, "access denied; check the credentials")
            .cause(new RuntimeException("403 for request signed with Credential=" + config.required("access_key")
                + " Signature over " + config.required("secret_key")))
            .build());
      }
      if (path.equals("boom")) {
        return Mono.error(new IllegalStateException("client failed with session token " + config.required("session_token")));
      }
      return super.stat(path);
    }

    @Override
    public Mono<URI> presignRead(String path, Duration ttl) {
      return Mono.just(URI.create("https://store.example/" + path + "?X-Amz-Credential=" + config.required("access_key")
          + "&X-Amz-Security-Token=" + config.required("session_token") + "&X-Amz-Signature=" + config.required("secret_key")));
    }
  }

  @Test
  void logsEveryOperationAndEveryFailureWithoutASecret() {
    BackendConfig config = new BackendConfig("memory",
        Map.of("access_key", ACCESS_KEY, "secret_key", SECRET, "session_token", TOKEN));
    try (Operator op = Operator.builder(new CredentialedBackend(config))
        .config(config.asMap())
        .layer(new LoggingLayer(logger))
        .build()) {
      op.write("docs/a.txt", "hello".getBytes(StandardCharsets.UTF_8)).block(WAIT);
      op.read("docs/a.txt", ByteRange.of(1, 3)).then().block(WAIT);
      op.stat("docs/a.txt").block(WAIT);
      URI signed = op.presignRead("docs/a.txt", Duration.ofMinutes(5)).block(WAIT);
      assertThat(signed.toString()).contains(SECRET); // the caller gets it; the log must not
      for (String p : List.of("denied", "boom", "missing")) {
        op.stat(p).onErrorResume(e -> Mono.empty()).block(WAIT);
      }
    }

    String log = output();
    assertThat(log).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(ACCESS_KEY);
    assertThat(log.lines().filter(l -> l.contains("DEBUG")).count()).isEqualTo(7);
    assertThat(log).containsPattern("DEBUG .*rdal memory write path=docs/a.txt range=- duration=\\d+ ms outcome=success bytes=5");
    assertThat(log).containsPattern("DEBUG .*rdal memory read path=docs/a.txt range=" + java.util.regex.Pattern.quote(ByteRange.of(1, 3).toString()) + " duration=\\d+ ms outcome=success bytes=3");
    assertThat(log).containsPattern("DEBUG .*rdal memory presignRead path=docs/a.txt range=- duration=\\d+ ms outcome=success");
    assertThat(log.lines().filter(l -> l.contains("WARN")).count()).isEqualTo(3);
    assertThat(log).containsPattern("WARN .*stat path=denied range=- failed after \\d+ ms: kind=PERMISSION_DENIED temporary=false");
    assertThat(log).containsPattern("WARN .*stat path=boom range=- failed after \\d+ ms: kind=UNEXPECTED error=java.lang.IllegalStateException");
    assertThat(log).containsPattern("WARN .*stat path=missing range=- failed after \\d+ ms: kind=NOT_FOUND");
  }

  @Test
  void quietKindsAreLoggedAtDebugOnly() {
    try (Operator op = Operator.builder(new MemoryBackend())
        .layer(new LoggingLayer(logger).withQuietKinds(ErrorKind.NOT_FOUND))
        .build()) {
      assertThat(op.exists("missing").block(WAIT)).isFalse();
    }
    String log = output();
    assertThat(log).containsPattern("DEBUG .*stat path=missing range=- duration=\\d+ ms outcome=error");
    assertThat(log).doesNotContain("WARN");
  }

  @Test
  void capabilitiesPassThrough() {
    MemoryBackend memory = new MemoryBackend();
    assertThat(new LoggingLayer(logger).wrap(memory).capabilities()).isEqualTo(memory.capabilities());
    assertThat(new LoggingLayer(logger).wrap(memory).capabilities().has(Capability.PRESIGN)).isFalse();
  }
}
