package dev.rdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rdal.memory.MemoryBackend;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The operator refuses every operation whose capability the backend does not declare, with
 * {@link ErrorKind#UNSUPPORTED} naming the capability, before the backend is called.
 */
class UnsupportedCapabilityTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static Stream<Arguments> operations() {
    return Stream.of(
        op(Capability.READ, o -> o.read("f")),
        op(Capability.RANGE_READ, o -> o.read("f", ByteRange.of(0, 1))),
        op(Capability.CONDITIONAL_READ, o -> o.read("f", ReadOptions.defaults().withIfMatch("\"e\""))),
        op(Capability.POSITIONAL_READ, o -> o.openReader("f")),
        op(Capability.WRITE, o -> o.write("g", new byte[1])),
        op(Capability.WRITE_IF_NOT_EXISTS, o -> o.write("g", new byte[1], WriteOptions.defaults().withIfNotExists(true))),
        op(Capability.APPEND, o -> o.write("g", new byte[1], WriteOptions.defaults().withAppend(true))),
        op(Capability.CONTENT_TYPE, o -> o.write("g", new byte[1], WriteOptions.defaults().withContentType("a/b"))),
        op(Capability.USER_METADATA, o -> o.write("g", new byte[1],
            WriteOptions.defaults().withUserMetadata(java.util.Map.of("k", "v")))),
        op(Capability.STAT, o -> o.stat("f")),
        op(Capability.DELETE, o -> o.delete("f")),
        op(Capability.DELETE, o -> o.deleteAll(Flux.just("f"))),
        op(Capability.LIST, o -> o.list("/")),
        op(Capability.LIST_RECURSIVE, o -> o.list("/", ListOptions.recursively())),
        op(Capability.LIST_RECURSIVE, o -> o.deleteRecursive("d/")),
        op(Capability.CREATE_DIR, o -> o.createDir("d/")),
        op(Capability.COPY, o -> o.copy("f", "g")),
        op(Capability.RENAME, o -> o.rename("f", "g")),
        op(Capability.PRESIGN, o -> o.presignRead("f", Duration.ofMinutes(1))),
        op(Capability.PRESIGN, o -> o.presignWrite("f", Duration.ofMinutes(1))));
  }

  private static Arguments op(Capability c, Function<Operator, Publisher<?>> call) {
    return Arguments.of(c, call);
  }

  @ParameterizedTest(name = "without {0}")
  @MethodSource("operations")
  void refusedWithUnsupportedNamingTheCapability(Capability absent, Function<Operator, Publisher<?>> call) {
    MemoryBackend memory = new MemoryBackend();
    try (Operator full = Operator.builder(memory).build();
        Operator limited = Operator.builder(new LimitedBackend(memory, absent)).build()) {
      full.write("f", new byte[] {1, 2, 3}).block(TIMEOUT);
      Throwable t = catchThrowable(() -> Flux.from(call.apply(limited)).then().block(TIMEOUT));
      assertThat(t).isInstanceOfSatisfying(RdalException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
        assertThat(e.getMessage()).contains(absent.name());
        assertThat(e.backend()).isEqualTo("memory");
      });
      assertThat(full.readAllBytes("f").block(TIMEOUT)).as("nothing changed").containsExactly(1, 2, 3);
      assertThat(full.exists("g").block(TIMEOUT)).isFalse();
    }
  }

  @Test
  void capabilitiesAreReportedAsDeclared() {
    try (Operator limited = Operator.builder(new LimitedBackend(new MemoryBackend(), Capability.COPY)).build()) {
      assertThat(limited.capabilities().has(Capability.COPY)).isFalse();
      assertThat(limited.capabilities().has(Capability.READ)).isTrue();
    }
  }

  @Test
  void theMemoryBackendHasEveryCapabilityButPresign() {
    assertThat(new MemoryBackend().capabilities().asSet())
        .containsExactlyInAnyOrderElementsOf(Capabilities.all().without(Capability.PRESIGN).asSet());
  }
}
