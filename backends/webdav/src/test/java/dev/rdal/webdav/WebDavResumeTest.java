package dev.rdal.webdav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.Buffers;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.spi.BackendConfig;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Resume through real connection cuts, on nginx and on rclone: a TCP proxy between the client and the server
 * closes the connection after a random number of response bytes, and the operator resumes from the last byte
 * received, pinned with If-Match to the first answer's ETag. Every one of {@value #READS} reads must end with
 * the object's SHA-256. The object size is {@code -Drdal.webdav.resumeObjectSize} (default 2 MiB).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class WebDavResumeTest {

  private static final Logger log = LoggerFactory.getLogger(WebDavResumeTest.class);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int READS = 100;
  private static final int SIZE = Integer.getInteger("rdal.webdav.resumeObjectSize", 2 << 20);

  private final Map<String, Setup> setups = new java.util.LinkedHashMap<>();
  private byte[] content;
  private String sha;

  /** One server, the proxy in front of it, and operators direct and through the proxy. */
  private record Setup(DavServer server, FaultProxy proxy, Operator direct, WebDavBackend viaProxyBackend,
      Operator viaProxy, Map<String, String> proxied) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      viaProxy.close();
      direct.close();
      proxy.close();
      server.close();
    }
  }

  Stream<String> servers() {
    return Stream.of("nginx", "rclone");
  }

  @BeforeAll
  void setUp() throws Exception {
    content = new byte[SIZE];
    new Random(7).nextBytes(content);
    sha = sha256(Flux.just(ByteBuffer.wrap(content)));
    for (String name : servers().toList()) {
      DavServer server = name.equals("nginx") ? DavServer.nginx() : DavServer.rclone();
      FaultProxy proxy = new FaultProxy(server.port());
      Operator direct = Operator.builder("webdav").config(server.config()).build();
      Map<String, String> proxied = server.config();
      proxied.put("endpoint", server.endpoint(proxy.port()));
      WebDavBackend backend = WebDavBackend.create(new BackendConfig("webdav", proxied));
      setups.put(name, new Setup(server, proxy, direct, backend, Operator.builder(backend).build(), proxied));
      direct.write("big", content).block(WAIT);
    }
  }

  @AfterAll
  void tearDown() throws Exception {
    for (Setup s : setups.values()) {
      s.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void everyCutReadCompletesWithTheSameBytes(String name) {
    Setup s = setups.get(name);
    Random random = new Random(11);
    int cutsBefore = s.proxy().cuts();
    long getsBefore = s.viaProxyBackend().getRequests();
    int same = 0;
    for (int i = 0; i < READS; i++) {
      s.proxy().armCut(4096 + (long) random.nextInt(SIZE - 4096));
      String got = sha256(s.viaProxy().read("big"));
      assertThat(got).as("read %d", i).isEqualTo(sha);
      same++;
    }
    int cuts = s.proxy().cuts() - cutsBefore;
    long gets = s.viaProxyBackend().getRequests() - getsBefore;
    log.info("{}: {} of {} reads of {} bytes ended with the same SHA-256; {} connections cut, {} GETs", name, same,
        READS, SIZE, cuts, gets);
    assertThat(cuts).isEqualTo(READS);
    assertThat(gets).as("every read was cut and resumed with one more GET at least").isGreaterThanOrEqualTo(2L * READS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void anObjectChangedBetweenTheCutAndTheResumeFailsWithConditionNotMet(String name) {
    Setup s = setups.get(name);
    s.direct().write("changing", content).block(WAIT);
    AtomicBoolean replaced = new AtomicBoolean();
    // counted before arming: on loopback the kernel's buffers may take the bytes up to the cut at once, so the
    // cut can happen before the answer's headers even reach this thread
    int cutsBefore = s.proxy().cuts();
    s.proxy().armCut(SIZE / 2);
    ReadResult r = s.viaProxy().readWithMeta("changing", ReadOptions.defaults()).block(WAIT);
    Flux<ByteBuffer> body = r.body()
        .concatMap(b -> replaced.get() ? Mono.just(b)
            // Replace the object once the first bytes arrived; the cut follows at half the size.
            : s.direct().write("changing", new byte[] {1, 2, 3}).doOnSuccess(m -> replaced.set(true)).thenReturn(b), 1);
    assertThatThrownBy(() -> Buffers.collect(body).block(WAIT))
        .isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONDITION_NOT_MET));
    assertThat(replaced).isTrue();
    assertThat(s.proxy().cuts() - cutsBefore).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void withoutResumesTheCutIsATemporaryError(String name) {
    Setup s = setups.get(name);
    try (Operator noResume = Operator.builder("webdav").config(s.proxied()).maxResumes(0).build()) {
      s.proxy().armCut(SIZE / 3);
      assertThatThrownBy(() -> noResume.readAllBytes("big").block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.isTemporary()).isTrue();
            assertThat(e.kind()).isEqualTo(ErrorKind.UNEXPECTED);
          });
    }
  }

  private static String sha256(Flux<ByteBuffer> body) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    body.doOnNext(b -> md.update(b.duplicate())).then().block(WAIT);
    return HexFormat.of().formatHex(md.digest());
  }
}
