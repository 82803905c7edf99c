package dev.rdal.spring.webflux;

import static dev.rdal.spring.webflux.EndpointServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client that disconnects in the middle of a download: the server releases the file (fs, with and
 * without zero-copy), the store's connection (s3) and every buffer (the paranoid leak detector reports
 * none), and keeps serving.
 */
class ClientDisconnectTest {

  private static final int SIZE = 16 * 1024 * 1024;

  @TempDir
  Path dir;

  private Operator op;
  private EndpointServer server;

  @AfterEach
  void close() {
    if (server != null) server.close();
    if (op != null) op.close();
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void aDisconnectMidDownloadReleasesEverything(Store store) throws IOException {
    op = store.open(dir);
    op.write("big.bin", ObjectEndpointTest.pattern(SIZE)).block(TIMEOUT);
    server = EndpointServer.of(store.endpoint(op).build().routes());
    int leaksBefore = RecordingLeakDetector.collectLeaks().size();

    for (int round = 0; round < 3; round++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /files/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (round == 1 ? "Range: bytes=1000-\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[64 * 1024];
        long got = 0;
        while (got < 256 * 1024) {
          int n = in.read(buf);
          assertThat(n).isPositive();
          got += n;
        }
        s.setSoLinger(true, 0); // a reset, as a client that goes away does
      }
    }

    if (store == Store.FS || store == Store.FS_ZERO_COPY) {
      Await.until("the file is closed", () -> Await.openFilesBelow(dir).isEmpty());
      Await.until("region links are deleted", () -> Await.names(dir).equals(List.of("big.bin")));
    }
    assertThat(Http.send("GET", server.uri("/files/big.bin"), "Range", "bytes=0-9").statusCode()).isEqualTo(206);
    List<String> leaks = RecordingLeakDetector.collectLeaks();
    assertThat(leaks.subList(leaksBefore, leaks.size())).isEmpty();
  }
}
