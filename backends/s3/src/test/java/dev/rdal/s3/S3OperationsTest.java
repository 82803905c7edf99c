package dev.rdal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdal.ByteRange;
import dev.rdal.DeleteResult;
import dev.rdal.ErrorKind;
import dev.rdal.ListOptions;
import dev.rdal.ObjectMeta;
import dev.rdal.Operator;
import dev.rdal.PositionalReader;
import dev.rdal.RdalException;
import dev.rdal.ReadOptions;
import dev.rdal.ReadResult;
import dev.rdal.WriteOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;

/** The s3 backend's operations against S3Proxy, through the operator. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3OperationsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private S3TestServer server;
  private String bucket;
  private Operator op;

  @BeforeEach
  void setUp() {
    server = S3TestServer.get();
    bucket = server.newBucket();
    op = Operator.builder("s3").config(server.config(bucket)).build();
  }

  @AfterEach
  void tearDown() {
    op.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writeReadStatWithContentTypeAndUserMetadata() {
    WriteOptions options = WriteOptions.defaults().withContentType("text/plain")
        .withUserMetadata(Map.of("owner", "rdal"));
    ObjectMeta written = op.write("dir/a.txt", bytes("hello s3"), options).block(WAIT);
    assertThat(written.etag()).isNotBlank();
    assertThat(written.size()).isEqualTo(8);

    ObjectMeta stat = op.stat("dir/a.txt").block(WAIT);
    assertThat(stat.size()).isEqualTo(8);
    assertThat(stat.etag()).isEqualTo(written.etag());
    assertThat(stat.contentType()).isEqualTo("text/plain");
    assertThat(stat.userMetadata()).containsEntry("owner", "rdal");
    assertThat(stat.lastModified()).isNotNull();

    ReadResult r = op.readWithMeta("dir/a.txt", ReadOptions.defaults()).block(WAIT);
    assertThat(r.contentRange().toHeader()).isEqualTo("bytes 0-7/8");
    assertThat(new String(r.bodyBytes().block(WAIT), StandardCharsets.UTF_8)).isEqualTo("hello s3");
    assertThat(op.read("dir/a.txt", ByteRange.of(6, 2)).collectList().map(l -> l.size()).block(WAIT)).isPositive();
  }

  @Test
  void missingObjectsAndDirectories() {
    assertKind(() -> op.stat("nope").block(WAIT), ErrorKind.NOT_FOUND);
    assertKind(() -> op.readAllBytes("nope").block(WAIT), ErrorKind.NOT_FOUND);
    op.write("d/x", bytes("x")).block(WAIT);
    assertThat(op.stat("d/").block(WAIT).directory()).isTrue();
    assertThat(op.stat("d").block(WAIT).directory()).isTrue();
    assertKind(() -> op.readAllBytes("d").block(WAIT), ErrorKind.IS_A_DIRECTORY);
    assertKind(() -> op.stat("d/x/").block(WAIT), ErrorKind.NOT_A_DIRECTORY);
    assertKind(() -> op.list("d/x/").collectList().block(WAIT), ErrorKind.NOT_A_DIRECTORY);
    assertThat(op.list("missing/").collectList().block(WAIT)).isEmpty();
  }

  @Test
  void conditionalReads() {
    String etag = op.write("c", bytes("v1")).block(WAIT).etag();
    assertThat(op.read("c", ReadOptions.defaults().withIfMatch(etag)).then().block(WAIT)).isNull();
    assertKind(() -> op.read("c", ReadOptions.defaults().withIfMatch("\"other\"")).then().block(WAIT),
        ErrorKind.CONDITION_NOT_MET);
    assertKind(() -> op.read("c", ReadOptions.defaults().withIfNoneMatch(etag)).then().block(WAIT),
        ErrorKind.CONDITION_NOT_MET);
  }

  @Test
  void ifNotExistsRefusesAnExistingObject() {
    op.write("once", bytes("1"), WriteOptions.defaults().withIfNotExists(true)).block(WAIT);
    assertKind(() -> op.write("once", bytes("2"), WriteOptions.defaults().withIfNotExists(true)).block(WAIT),
        ErrorKind.ALREADY_EXISTS);
    assertThat(op.readAllBytes("once").block(WAIT)).isEqualTo(bytes("1"));
  }

  @Test
  void listingsPageThroughMoreKeysThanOnePage() {
    // page_size is 7 in tests: 23 files, 3 sub-directories
    Flux.range(0, 23).flatMap(i -> op.write(String.format("l/f%02d", i), bytes("x" + i)), 4).blockLast(WAIT);
    op.write("l/sub1/deep/a", bytes("a")).block(WAIT);
    op.write("l/sub2/b", bytes("b")).block(WAIT);
    op.createDir("l/sub3/").block(WAIT);

    List<String> direct = op.list("l/").map(ObjectMeta::path).collectList().block(WAIT);
    List<String> expected = IntStream.range(0, 23).mapToObj(i -> String.format("l/f%02d", i)).collect(Collectors.toList());
    expected.addAll(List.of("l/sub1/", "l/sub2/", "l/sub3/"));
    assertThat(direct).containsExactlyElementsOf(expected);

    List<String> recursive = op.list("l/", ListOptions.recursively()).map(ObjectMeta::path).collectList().block(WAIT);
    assertThat(recursive).containsSubsequence("l/f22", "l/sub1/", "l/sub1/deep/", "l/sub1/deep/a", "l/sub2/", "l/sub2/b", "l/sub3/");
    assertThat(recursive).hasSize(23 + 6).doesNotHaveDuplicates().isSorted();

    assertThat(op.list("l/", ListOptions.defaults().withStartAfter("l/f19").withLimit(4)).map(ObjectMeta::path)
        .collectList().block(WAIT)).containsExactly("l/f20", "l/f21", "l/f22", "l/sub1/");
    ObjectMeta f = op.list("l/").blockFirst(WAIT);
    assertThat(f.directory()).isFalse();
    assertThat(f.size()).isEqualTo(2);
    assertThat(op.list("/").map(ObjectMeta::path).collectList().block(WAIT)).containsExactly("l/");
  }

  @Test
  void batchDeleteReportsEveryKey() {
    List<String> paths = IntStream.range(0, 1203).mapToObj(i -> "b/" + i).collect(Collectors.toList());
    // a few real objects among many missing keys: S3 reports missing keys as deleted
    op.write("b/1", bytes("1")).block(WAIT);
    op.write("b/1202", bytes("2")).block(WAIT);
    List<DeleteResult> results = op.deleteAll(Flux.fromIterable(paths)).collectList().block(WAIT);
    assertThat(results).hasSize(1203).allMatch(DeleteResult::isOk);
    assertThat(results.stream().map(DeleteResult::path)).containsExactlyInAnyOrderElementsOf(paths);
    assertThat(op.exists("b/1").block(WAIT)).isFalse();
    assertThat(op.exists("b/1202").block(WAIT)).isFalse();
  }

  @Test
  void deleteDirectoriesAndRecursively() {
    op.write("t/a", bytes("a")).block(WAIT);
    op.write("t/u/b", bytes("b")).block(WAIT);
    op.createDir("t/empty/").block(WAIT);
    assertKind(() -> op.delete("t/").block(WAIT), ErrorKind.INVALID_INPUT);
    op.delete("t/empty/").block(WAIT);
    assertThat(op.exists("t/empty/").block(WAIT)).isFalse();
    op.delete("t/a").block(WAIT);
    op.delete("t/a").block(WAIT); // missing is fine
    op.deleteRecursive("t/").block(WAIT);
    assertThat(op.list("/", ListOptions.recursively()).collectList().block(WAIT)).isEmpty();
  }

  @Test
  void createDirWritesAMarker() {
    op.createDir("m/n/").block(WAIT);
    assertThat(op.stat("m/n/").block(WAIT).directory()).isTrue();
    assertThat(op.stat("m/").block(WAIT).directory()).isTrue();
    op.write("file", bytes("f")).block(WAIT);
    assertKind(() -> op.createDir("file/").block(WAIT), ErrorKind.NOT_A_DIRECTORY);
  }

  @Test
  void copyAndRename() {
    op.write("src", bytes("payload"), WriteOptions.defaults().withContentType("application/x-test")).block(WAIT);
    ObjectMeta copied = op.copy("src", "dst/copy").block(WAIT);
    assertThat(copied.size()).isEqualTo(7);
    assertThat(copied.contentType()).isEqualTo("application/x-test");
    assertThat(op.readAllBytes("dst/copy").block(WAIT)).isEqualTo(bytes("payload"));
    op.rename("dst/copy", "moved").block(WAIT);
    assertThat(op.exists("dst/copy").block(WAIT)).isFalse();
    assertThat(op.readAllBytes("moved").block(WAIT)).isEqualTo(bytes("payload"));
    assertKind(() -> op.copy("absent", "x").block(WAIT), ErrorKind.NOT_FOUND);
  }

  @Test
  void presignedUrlsWorkWithAPlainHttpClient() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI put = op.presignWrite("pre/signed", Duration.ofMinutes(5)).block(WAIT);
    HttpResponse<String> putAnswer = http.send(HttpRequest.newBuilder(put).timeout(WAIT)
        .PUT(HttpRequest.BodyPublishers.ofString("via presigned put")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(putAnswer.statusCode()).isEqualTo(200);
    assertThat(op.readAllBytes("pre/signed").block(WAIT)).isEqualTo(bytes("via presigned put"));

    URI get = op.presignRead("pre/signed", Duration.ofMinutes(5)).block(WAIT);
    HttpResponse<String> getAnswer = http.send(HttpRequest.newBuilder(get).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(getAnswer.statusCode()).isEqualTo(200);
    assertThat(getAnswer.body()).isEqualTo("via presigned put");

    HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(get.toString().split("\\?")[0]))
        .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
  }

  @Test
  void positionalReadsUseRangedGets() {
    byte[] content = new byte[100_000];
    for (int i = 0; i < content.length; i++) content[i] = (byte) i;
    op.write("pos", content).block(WAIT);
    PositionalReader reader = op.openReader("pos").block(WAIT);
    try {
      ByteBuffer dst = ByteBuffer.allocate(1000);
      assertThat(reader.read(99_500, dst).block(WAIT)).isEqualTo(500);
      assertThat(dst.flip().get(0)).isEqualTo(content[99_500]);
      assertThat(reader.read(100_000, ByteBuffer.allocate(10)).block(WAIT)).isEqualTo(-1);
      op.write("pos", new byte[] {1}).block(WAIT);
      assertKind(() -> reader.read(0, ByteBuffer.allocate(1)).block(WAIT), ErrorKind.CONDITION_NOT_MET);
    } finally {
      reader.close();
    }
  }

  @Test
  void wrongCredentialsArePermissionDenied() {
    Map<String, String> config = server.config(bucket);
    config.put("secret_access_key", "not-the-secret");
    try (Operator wrong = Operator.builder("s3").config(config).build()) {
      assertKind(() -> wrong.stat("anything").block(WAIT), ErrorKind.PERMISSION_DENIED);
      assertKind(() -> wrong.write("anything", bytes("x")).block(WAIT), ErrorKind.PERMISSION_DENIED);
      assertKind(() -> wrong.readAllBytes("anything").block(WAIT), ErrorKind.PERMISSION_DENIED);
    }
  }

  @Test
  void missingBucketIsNotFound() {
    try (Operator none = Operator.builder("s3").config(server.config("no-such-bucket-here")).build()) {
      assertKind(() -> none.readAllBytes("x").block(WAIT), ErrorKind.NOT_FOUND);
    }
  }

  @Test
  void appendIsRefusedAsUnsupported() {
    assertKind(() -> op.write("a", bytes("x"), WriteOptions.defaults().withAppend(true)).block(WAIT),
        ErrorKind.UNSUPPORTED);
  }

  static void assertKind(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorKind kind) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RdalException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
