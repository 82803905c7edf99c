package dev.rdal.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP proxy between the SDK and S3Proxy that can hold multipart requests at chosen stages, to
 * replay races S3Proxy alone cannot show. Every request is forwarded on a connection of its own, with
 * {@code Connection: close} (not a signed header), so a request and its answer are told apart by the
 * request's head alone; an {@code Expect: 100-continue} is answered by the proxy. Bytes are forwarded
 * unchanged otherwise, so signatures stay valid. Plain threads, one per connection (never Reactor or Netty
 * threads); {@link #close()} ends them all.
 *
 * <ul>
 *   <li>{@link #holdPart(int)}: that part's request is read whole from the client but not forwarded until
 *       {@link #release()}, or until an abort of its upload has been forwarded and answered (then the part
 *       follows it: the late part of a race).</li>
 *   <li>{@link #holdCreateAnswer()}: CreateMultipartUpload is carried out, its answer held until
 *       {@link #release()}.</li>
 *   <li>{@link #swallowCompletion()}: CompleteMultipartUpload is read and never forwarded.</li>
 * </ul>
 */
final class MultipartProxy implements AutoCloseable {

  private static final long WAIT_SECONDS = 60;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final Object idleLock = new Object();
  private int active;
  private volatile boolean closed;

  private volatile int heldPart = -1;
  private volatile boolean holdCreate;
  private volatile boolean swallowComplete;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch firstPartAnswered = new CountDownLatch(1);

  MultipartProxy(int targetPort) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "multipart-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  void holdPart(int number) {
    heldPart = number;
  }

  void holdCreateAnswer() {
    holdCreate = true;
  }

  void swallowCompletion() {
    swallowComplete = true;
  }

  /** Waits until the chosen request is being held. */
  void awaitHeld() throws InterruptedException {
    if (!held.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("the proxy never held the chosen request");
    }
  }

  /** Waits until the answer to part 1 reached the client. */
  void awaitFirstPartAnswered() throws InterruptedException {
    if (!firstPartAnswered.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("part 1 was never answered");
    }
  }

  /** Lets a held request or answer go on. */
  void release() {
    released.countDown();
  }

  /** Waits until no request is being handled. */
  void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    synchronized (idleLock) {
      while (active > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the proxy is still handling " + active + " request(s)");
        }
        TimeUnit.NANOSECONDS.timedWait(idleLock, left);
      }
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        synchronized (idleLock) {
          active++;
        }
        Thread t = new Thread(() -> {
          try {
            handle(client);
          } finally {
            sockets.remove(client);
            synchronized (idleLock) {
              active--;
              idleLock.notifyAll();
            }
          }
        }, "multipart-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String method = requestLine[0];
      String query = requestLine[1].contains("?") ? requestLine[1].substring(requestLine[1].indexOf('?') + 1) : "";
      StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
      long length = 0;
      boolean expectContinue = false;
      for (int i = 1; i < lines.length; i++) {
        String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
        if (name.equals("content-length")) length = Long.parseLong(value);
        if (name.equals("expect")) {
          expectContinue = value.equalsIgnoreCase("100-continue");
          continue;
        }
        if (name.equals("connection")) continue;
        forwarded.append(lines[i]).append("\r\n");
      }
      forwarded.append("Connection: close\r\n\r\n");
      if (expectContinue) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      byte[] body = in.readNBytes((int) length);
      boolean isPart = method.equals("PUT") && query.contains("partNumber=") && query.contains("uploadId=");
      int partNumber = isPart ? Integer.parseInt(param(query, "partNumber")) : -1;
      boolean isCreate = method.equals("POST") && (query.equals("uploads") || query.startsWith("uploads&")
          || query.contains("&uploads"));
      boolean isComplete = method.equals("POST") && query.contains("uploadId=");
      boolean isAbort = method.equals("DELETE") && query.contains("uploadId=");
      if (isPart && partNumber == heldPart) {
        held.countDown();
        released.await();
      }
      if (isComplete && swallowComplete) {
        held.countDown();
        while (in.read() >= 0) {
          // until the client gives up and closes
        }
        return;
      }
      byte[] answer = exchange(forwarded.toString(), body);
      if (isCreate && holdCreate) {
        held.countDown();
        released.await();
      }
      try {
        out.write(answer);
        out.flush();
      } finally {
        if (isPart && partNumber == 1) {
          firstPartAnswered.countDown();
        }
        if (isAbort) {
          released.countDown(); // a held part goes on only now, after the abort: the late part of the race
        }
      }
    } catch (IOException | InterruptedException e) {
      // one side went away: the tests assert on what the store holds
    }
  }

  private byte[] exchange(String head, byte[] body) throws IOException {
    try (Socket upstream = new Socket()) {
      upstream.connect(target);
      sockets.add(upstream);
      try {
        OutputStream up = upstream.getOutputStream();
        up.write(head.getBytes(StandardCharsets.ISO_8859_1));
        up.write(body);
        up.flush();
        return upstream.getInputStream().readAllBytes();
      } finally {
        sockets.remove(upstream);
      }
    }
  }

  private static String param(String query, String name) {
    for (String kv : query.split("&")) {
      if (kv.startsWith(name + "=")) return kv.substring(name.length() + 1);
    }
    return "";
  }

  /** The request head up to the blank line, or null when the client closed first. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        String s = head.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    released.countDown();
    server.close();
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      awaitIdle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
