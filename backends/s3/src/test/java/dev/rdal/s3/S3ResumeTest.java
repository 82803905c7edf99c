package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.Buffers;
import dev.rdal.ErrorKind;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Resume through a real connection cut: a TCP proxy between the client and S3Proxy closes the connection
 * after a random number of response bytes, and the operator resumes from the last byte received, pinned to
 * the ETag. The object size is {@code -Drdal.s3.resumeObjectSize} (default 16 MiB).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class S3ResumeTest {

  private static final Logger log = LoggerFactory.getLogger(S3ResumeTest.class);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int READS = 100;
  private static final int SIZE = Integer.getInteger("rdal.s3.resumeObjectSize", 16 << 20);

  private FaultProxy proxy;
  private Operator direct;
  private Operator viaProxy;
  private S3Backend viaProxyBackend;
  private byte[] content;
  private String sha;
  private String bucket;

  @BeforeAll
  void setUp() throws Exception {
    S3TestServer server = S3TestServer.get();
    bucket = server.newBucket();
    proxy = new FaultProxy(server.port());
    direct = Operator.builder("s3").config(server.config(bucket)).build();
    viaProxyBackend = (S3Backend) new S3BackendProvider().create(new dev.rdal.spi.BackendConfig("s3", proxied()));
    viaProxy = Operator.builder(viaProxyBackend).build();
    content = new byte[SIZE];
    new Random(7).nextBytes(content);
    sha = sha256(Flux.just(ByteBuffer.wrap(content)));
    direct.write("big", content).block(WAIT);
  }

  /**
   * Through the proxy, with a short read timeout: the SDK's client does not signal a connection closed
   * mid-body, so the cut is noticed when no chunk arrives for that long.
   */
  private Map<String, String> proxied() {
    Map<String, String> c = S3TestServer.config(bucket, proxy.endpoint());
    c.put("read_timeout", "500");
    return c;
  }

  @AfterAll
  void tearDown() throws Exception {
    viaProxy.close();
    direct.close();
    proxy.close();
  }

  @Test
  void everyCutReadCompletesWithTheSameBytes() {
    Random random = new Random(11);
    long start = System.nanoTime();
    int cutsBefore = proxy.cuts();
    long getsBefore = viaProxyBackend.getRequests();
    for (int i = 0; i < READS; i++) {
      proxy.armCut(4096 + (long) random.nextInt(SIZE - 4096));
      String got = sha256(viaProxy.read("big"));
      assertThat(got).as("read %d", i).isEqualTo(sha);
    }
    int cuts = proxy.cuts() - cutsBefore;
    log.info("{} reads of {} bytes, {} connections cut, {} GETs, {} ms", READS, SIZE, cuts,
        viaProxyBackend.getRequests() - getsBefore,
        (System.nanoTime() - start) / 1_000_000);
    assertThat(cuts).isEqualTo(READS);
    // every read was cut mid-body and resumed: at least one more GET per read
    assertThat(viaProxyBackend.getRequests() - getsBefore).isGreaterThanOrEqualTo(2L * READS);
  }

  @Test
  void anObjectChangedBetweenTheCutAndTheResumeFailsWithConditionNotMet() {
    direct.write("changing", content).block(WAIT);
    AtomicBoolean replaced = new AtomicBoolean();
    proxy.armCut(SIZE / 2);
    ReadResult r = viaProxy.readWithMeta("changing", ReadOptions.defaults()).block(WAIT);
    Flux<ByteBuffer> body = r.body()
        .concatMap(b -> replaced.get() ? Mono.just(b)
            // Replace the object once the first bytes arrived; the cut follows at half the size.
            : direct.write("changing", new byte[] {1, 2, 3}).doOnSuccess(m -> replaced.set(true)).thenReturn(b), 1);
    int cutsBefore = proxy.cuts();
    assertThatThrownBy(() -> Buffers.collect(body).block(WAIT))
        .isInstanceOfSatisfying(RdalException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONDITION_NOT_MET));
    assertThat(replaced).isTrue();
    assertThat(proxy.cuts() - cutsBefore).isEqualTo(1);
  }

  @Test
  void withoutResumesTheCutIsATemporaryError() {
    try (Operator noResume = Operator.builder("s3").config(proxied())
        .maxResumes(0).build()) {
      proxy.armCut(SIZE / 3);
      assertThatThrownBy(() -> noResume.readAllBytes("big").block(WAIT))
          .isInstanceOfSatisfying(RdalException.class, e -> {
            assertThat(e.isTemporary()).isTrue();
            assertThat(e.kind()).isIn(ErrorKind.UNEXPECTED);
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
