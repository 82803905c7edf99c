package dev.rdal.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rdal.Buffers;
import dev.rdal.Capability;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every category of the kit shares: the operator, a fresh directory per case, and helpers that block
 * with a timeout and assert exact error kinds. Every case is bounded by {@link Timeout}, and fails when
 * Reactor dropped a signal while it ran ({@link DroppedSignals}).
 */
@Timeout(120)
@ExtendWith(DroppedSignals.class)
abstract class KitCases {

  /** The bound of every blocking wait in the kit. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  final BehaviorKit kit;
  /** This case's own directory, {@code kit-<random>/}. */
  String dir;

  KitCases(BehaviorKit kit) {
    this.kit = kit;
  }

  @BeforeEach
  final void freshDirectory() {
    dir = BehaviorKit.freshDirectory();
  }

  @AfterEach
  final void removeDirectory() {
    Operator op = kit.operator();
    if (op.isClosed() || !op.capabilities().has(Capability.DELETE)
        || !op.capabilities().has(Capability.LIST_RECURSIVE)) {
      return;
    }
    try {
      op.deleteRecursive(dir).block(TIMEOUT);
    } catch (RuntimeException ignored) {
      // best effort: a case that broke its directory already failed on its own assertion
    }
  }

  Operator op() {
    return kit.operator();
  }

  /** The path {@code name} inside this case's directory. */
  String p(String name) {
    return dir + name;
  }

  /**
   * Skips the case with the store's reason when the kit class declares that its store cannot show this
   * behaviour (see {@link BehaviorKit#storeLimitations()}).
   */
  void requireStoreShows(String behaviour) {
    String why = kit.storeLimitations().get(behaviour);
    Assumptions.assumeTrue(why == null, () -> "the store under '" + op().scheme() + "' cannot show " + behaviour + ": " + why);
  }

  /** Skips the case, naming the capability, when the backend lacks it. */
  void require(Capability... capabilities) {
    for (Capability c : capabilities) {
      Assumptions.assumeTrue(op().capabilities().has(c),
          () -> "backend '" + op().scheme() + "' lacks capability " + c);
    }
  }

  /** Deterministic pseudo-random content. */
  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  static byte[] bytes(int n) {
    return bytes(n, n * 31L + 7);
  }

  static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, from, to);
  }

  ObjectMeta put(String path, byte[] content) {
    require(Capability.WRITE);
    return op().write(path, content).block(TIMEOUT);
  }

  ObjectMeta put(String path, byte[] content, WriteOptions options) {
    require(Capability.WRITE);
    return op().write(path, content, options).block(TIMEOUT);
  }

  byte[] get(String path) {
    return Buffers.collect(op().read(path)).block(TIMEOUT);
  }

  ReadResult readWithMeta(String path, ReadOptions options) {
    return op().readWithMeta(path, options).block(TIMEOUT);
  }

  ObjectMeta stat(String path) {
    return op().stat(path).block(TIMEOUT);
  }

  boolean exists(String path) {
    return Boolean.TRUE.equals(op().exists(path).block(TIMEOUT));
  }

  List<ObjectMeta> list(String d, ListOptions options) {
    return op().list(d, options).collectList().block(TIMEOUT);
  }

  List<String> listPaths(String d, ListOptions options) {
    return op().list(d, options).map(ObjectMeta::path).collectList().block(TIMEOUT);
  }

  void mkdir(String d) {
    require(Capability.CREATE_DIR);
    op().createDir(d).block(TIMEOUT);
  }

  /** Subscribes, waits for the end, and returns the {@link RdalException} it failed with. */
  static RdalException error(Publisher<?> publisher) {
    try {
      Flux.from(publisher).then().block(TIMEOUT);
    } catch (RdalException e) {
      return e;
    } catch (RuntimeException e) {
      throw new AssertionError("expected an RdalException, got " + e, e);
    }
    return fail("expected an RdalException, but the call succeeded");
  }

  /** Asserts the publisher fails with exactly {@code kind} and returns the error. */
  static RdalException assertFails(Publisher<?> publisher, ErrorKind kind) {
    RdalException e = error(publisher);
    assertThat(e.kind()).as("error kind of %s", e.getMessage()).isEqualTo(kind);
    return e;
  }

  static Mono<byte[]> collect(Publisher<ByteBuffer> body) {
    return Buffers.collect(body);
  }

  static String sha256(byte[] b) {
    MessageDigest md = sha256();
    md.update(b);
    return hex(md.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] digest) {
    StringBuilder sb = new StringBuilder();
    for (byte x : digest) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  /** {@code content} as a stream of buffers of {@code chunk} bytes each (the last may be shorter). */
  static Flux<ByteBuffer> chunks(byte[] content, int chunk) {
    return Flux.range(0, (content.length + chunk - 1) / chunk)
        .map(i -> ByteBuffer.wrap(content, i * chunk, Math.min(chunk, content.length - i * chunk)).slice());
  }
}
