package dev.rdal.webdav;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 between a client and a server, for fault tests. Bytes pass through unchanged
 * until the proxy is {@link #armCut(long) armed}: then the first connection to carry server bytes after
 * arming is cut (both sockets closed) once it has carried that many bytes back to the client, and the
 * proxy disarms. Uses two plain threads per connection (never Reactor or Netty threads); at most
 * {@link #MAX_CONNECTIONS} at once; {@link #close()} closes everything.
 */
final class FaultProxy implements AutoCloseable {

  static final int MAX_CONNECTIONS = 64;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final AtomicLong armed = new AtomicLong(-1);
  private final AtomicInteger cuts = new AtomicInteger();
  private final AtomicLong uploadBudget = new AtomicLong(-1);
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  FaultProxy(int targetPort) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /**
   * Cuts the next response after {@code bytes} bytes (headers included) reached the client, on whichever
   * connection (new or kept alive) carries it.
   */
  void armCut(long bytes) {
    armed.set(bytes);
  }

  /** Cuts every connection that sends more than {@code bytes} bytes to the server; -1 turns it off. */
  void cutUploadsAfter(long bytes) {
    uploadBudget.set(bytes);
  }

  /** How many connections were cut. */
  int cuts() {
    return cuts.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (sockets.size() >= 2 * MAX_CONNECTIONS) {
          client.close();
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(target, 5000);
        sockets.add(client);
        sockets.add(upstream);
        Connection c = new Connection(client, upstream);
        start("fault-proxy-up", () -> c.pump(client, upstream, true));
        start("fault-proxy-down", () -> c.pump(upstream, client, false));
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  /** One proxied connection and its cut budget. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    private long downBudget = -1;
    private long sentDown;
    private long sentUp;

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void pump(Socket from, Socket to, boolean up) {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          int pass = n;
          boolean cut = false;
          if (up) {
            long budget = uploadBudget.get();
            if (budget >= 0 && sentUp + n > budget) {
              pass = (int) Math.max(0, budget - sentUp);
              cut = true;
            }
            sentUp += pass;
          } else {
            if (downBudget < 0) {
              long b = armed.getAndSet(-1);
              if (b >= 0) downBudget = sentDown + b; // counted from this response on, also on a reused connection
            }
            if (downBudget >= 0 && sentDown + n > downBudget) {
              pass = (int) Math.max(0, downBudget - sentDown);
              cut = true;
            }
            sentDown += pass;
          }
          out.write(buf, 0, pass);
          out.flush();
          if (cut) {
            cuts.incrementAndGet();
            closeBoth();
            return;
          }
        }
      } catch (IOException e) {
        // the other side closed
      } finally {
        closeBoth();
      }
    }

    private void closeBoth() {
      quietly(client);
      quietly(upstream);
      sockets.remove(client);
      sockets.remove(upstream);
    }
  }

  private static void quietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) quietly(s);
    sockets.clear();
  }
}
