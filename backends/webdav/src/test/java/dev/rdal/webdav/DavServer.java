package dev.rdal.webdav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real WebDAV server on 127.0.0.1 for one test class: nginx (Debian's nginx-light with the dav-ext module) or
 * {@code rclone serve webdav}, started from this project's own configuration in a fresh temporary directory on
 * free ports, serving the directory {@link #data()} below the URL root {@link #ROOT}, and stopped (with its
 * worker processes and the directory) by {@link #close()}.
 *
 * <p>A missing binary fails the test class with the command that installs it; nothing is skipped.
 */
abstract class DavServer implements AutoCloseable {

  /** The URL path every test endpoint uses as its root, so that paths below a root are what is tested. */
  static final String ROOT = "/dav-root/";
  static final String INSTALL = "run ./build/install-test-servers (apt-get install -y nginx-light"
      + " libnginx-mod-http-dav-ext rclone)";

  final Path dir;
  final Path data;
  private Process process;
  int port;

  DavServer(String name) {
    try {
      this.dir = Files.createTempDirectory("rdal-webdav-" + name + "-");
      this.data = dir.resolve("data");
      Files.createDirectories(data.resolve(ROOT.substring(1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts nginx. */
  static Nginx nginx() {
    Nginx n = new Nginx();
    n.start();
    return n;
  }

  /** Starts rclone serve webdav with Basic auth ({@link Rclone#USER}, {@link Rclone#PASSWORD}). */
  static Rclone rclone() {
    Rclone r = new Rclone();
    r.start();
    return r;
  }

  /** A short name for test display ({@code nginx}, {@code rclone}). */
  abstract String name();

  /** The command line for the given port. */
  abstract List<String> command(int port) throws IOException;

  /** The backend configuration of this server: endpoint and credentials. */
  Map<String, String> config() {
    Map<String, String> c = new HashMap<>();
    c.put("endpoint", endpoint(port));
    return c;
  }

  /** The endpoint URL for a port (the server's, or a proxy's in front of it). */
  String endpoint(int port) {
    return "http://127.0.0.1:" + port + ROOT;
  }

  /** The directory below which the server keeps what it serves at {@link #ROOT}. */
  Path data() {
    return data.resolve(ROOT.substring(1));
  }

  int port() {
    return port;
  }

  static String binary(String name, String... candidates) {
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) return c;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(":")) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) return p.toString();
      }
    }
    throw new IllegalStateException(name + " is not installed: " + INSTALL);
  }

  void start() {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        port = freePort();
        List<String> cmd = command(port);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile());
        process = pb.start();
        if (awaitListening(port)) {
          return;
        }
        last = new IOException(name() + " exited with " + process.exitValue() + ": " + log());
      } catch (IOException e) {
        last = e;
      }
      stopProcess();
    }
    close();
    throw new IllegalStateException("could not start " + name() + " on 127.0.0.1", last);
  }

  /** Waits until the port accepts connections, or the process died (then false). Bounded by 30 s. */
  private boolean awaitListening(int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return true;
      } catch (IOException refused) {
        try {
          process.waitFor(20, TimeUnit.MILLISECONDS); // wakes at once when the process dies
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  String log() {
    try {
      return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void stopProcess() {
    if (process == null) return;
    List<ProcessHandle> children = new ArrayList<>();
    process.descendants().forEach(children::add);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
      for (ProcessHandle c : children) {
        c.destroy();
        c.onExit().get(15, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
    process = null;
  }

  /** Stops the server and its workers and deletes its directory. */
  @Override
  public void close() {
    stopProcess();
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  /** nginx with the WebDAV modules; a second server block on {@link #ignoringRangesPort()} ignores Range. */
  static final class Nginx extends DavServer {
    static final String MODULE = "/usr/lib/nginx/modules/ngx_http_dav_ext_module.so";
    private int ignoringRangesPort;

    Nginx() {
      super("nginx");
    }

    @Override
    String name() {
      return "nginx";
    }

    /** A port of the same server whose answers ignore Range ({@code max_ranges 0}): always 200, whole body. */
    int ignoringRangesPort() {
      return ignoringRangesPort;
    }

    @Override
    List<String> command(int port) throws IOException {
      String nginx = binary("nginx", "/usr/sbin/nginx");
      if (!Files.exists(Path.of(MODULE))) {
        throw new IllegalStateException("nginx's WebDAV module is not installed: " + INSTALL);
      }
      ignoringRangesPort = freePort();
      for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs")) {
        Files.createDirectories(dir.resolve(t));
      }
      String location = "    location / {\n"
          + "      dav_methods PUT DELETE MKCOL COPY MOVE;\n"
          + "      dav_ext_methods PROPFIND OPTIONS;\n"
          + "      create_full_put_path off;\n"
          + "      dav_access user:rw group:r all:r;\n"
          + "      autoindex off;\n"
          + "    }\n";
      String conf = "load_module " + MODULE + ";\n"
          + ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
          + "worker_processes 1;\n"
          + "daemon off;\n"
          + "pid " + dir.resolve("nginx.pid") + ";\n"
          + "error_log " + dir.resolve("error.log") + " warn;\n"
          + "events { worker_connections 512; }\n"
          + "http {\n"
          + "  access_log off;\n"
          + "  default_type application/octet-stream;\n"
          + "  client_max_body_size 0;\n"
          + "  client_body_temp_path " + dir.resolve("client_body") + ";\n"
          + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
          + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
          + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
          + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
          + "  server {\n"
          + "    listen 127.0.0.1:" + port + ";\n"
          + "    root " + data + ";\n"
          + location
          + "  }\n"
          + "  server {\n"
          + "    listen 127.0.0.1:" + ignoringRangesPort + ";\n"
          + "    root " + data + ";\n"
          + "    max_ranges 0;\n"
          + location
          + "  }\n"
          + "}\n";
      Path file = dir.resolve("nginx.conf");
      Files.writeString(file, conf);
      return List.of(nginx, "-c", file.toString(), "-p", dir.toString() + "/", "-e", dir.resolve("error.log").toString());
    }

    @Override
    String log() {
      String own = super.log();
      try {
        return own + Files.readString(dir.resolve("error.log"));
      } catch (IOException e) {
        return own;
      }
    }
  }

  /** rclone serve webdav over a local directory, with Basic auth. */
  static final class Rclone extends DavServer {
    static final String USER = "rdal";
    static final String PASSWORD = "s3cret-Pa55";

    Rclone() {
      super("rclone");
    }

    @Override
    String name() {
      return "rclone";
    }

    @Override
    List<String> command(int port) throws IOException {
      String rclone = binary("rclone", "/usr/bin/rclone");
      Path conf = dir.resolve("rclone.conf");
      Files.writeString(conf, "");
      return List.of(rclone, "serve", "webdav", data.resolve(ROOT.substring(1)).toString(),
          "--config", conf.toString(),
          "--addr", "127.0.0.1:" + port,
          "--baseurl", ROOT.substring(0, ROOT.length() - 1),
          "--disable-dir-list",
          "--user", USER, "--pass", PASSWORD,
          "--cache-dir", dir.resolve("cache").toString());
    }

    @Override
    Path data() {
      return data.resolve(ROOT.substring(1));
    }

    @Override
    Map<String, String> config() {
      Map<String, String> c = super.config();
      c.put("username", USER);
      c.put("password", PASSWORD);
      return c;
    }
  }
}
