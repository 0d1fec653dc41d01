package io.loramanager.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server that answers one connection with exact bytes, written in pieces: the test
 * releases each piece after the first, so it can make a response arrive split at any byte. Records
 * the request head it received. Holds the connection open until the test closes the server, unless
 * told to close after the last piece.
 */
final class ScriptedHttpServer implements AutoCloseable {

  private final ServerSocket server;
  private final List<byte[]> pieces;
  private final boolean closeAfterLast;
  private final CountDownLatch[] releases;
  private final CompletableFuture<String> requestHead = new CompletableFuture<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Socket connection;

  private ScriptedHttpServer(List<byte[]> pieces, boolean closeAfterLast) throws IOException {
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.pieces = pieces;
    this.closeAfterLast = closeAfterLast;
    this.releases = new CountDownLatch[pieces.size()];
    for (int i = 0; i < releases.length; i++) {
      releases[i] = new CountDownLatch(i == 0 ? 0 : 1);
    }
    Thread thread = new Thread(this::serve, "scripted-http");
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers with {@code pieces} (the first at once, the others when released), then closes. */
  static ScriptedHttpServer answering(boolean closeAfterLast, String... pieces) throws IOException {
    return new ScriptedHttpServer(
        List.of(pieces).stream().map(p -> p.getBytes(StandardCharsets.ISO_8859_1)).toList(),
        closeAfterLast);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** Lets piece {@code index} (1-based after the first) go out. */
  void release(int index) {
    releases[index].countDown();
  }

  String requestHead() throws Exception {
    return requestHead.get(10, TimeUnit.SECONDS);
  }

  private void serve() {
    try (Socket socket = server.accept()) {
      connection = socket;
      requestHead.complete(readHead(socket.getInputStream()));
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < pieces.size(); i++) {
        releases[i].await();
        out.write(pieces.get(i));
        out.flush();
      }
      if (!closeAfterLast) {
        done.await();
      }
    } catch (IOException | InterruptedException e) {
      requestHead.completeExceptionally(e);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      head.write(next);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    done.countDown();
    for (CountDownLatch release : releases) {
      release.countDown();
    }
    Socket open = connection;
    if (open != null) {
      open.close();
    }
    server.close();
  }
}
