package io.loramanager.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loopback file host for the transfer benchmark, run as its own process so that its CPU is not
 * counted against the client: {@code java BenchFileServer FILE PORT}. {@code /file} serves FILE
 * with {@code Range} support; {@code /cut-once} drops the connection at half the file on its first
 * request; {@code /sent} answers the bytes sent so far (for the re-transfer measurement).
 */
public final class BenchFileServer {

  private BenchFileServer() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    AtomicLong sent = new AtomicLong();
    AtomicBoolean cut = new AtomicBoolean();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/file", ex -> serve(ex, file, sent, null));
    server.createContext("/cut-once", ex -> serve(ex, file, sent, cut));
    server.createContext(
        "/sent",
        ex -> {
          byte[] body = Long.toString(sent.getAndSet(0)).getBytes();
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    System.out.println("ready " + port);
  }

  private static void serve(HttpExchange ex, Path file, AtomicLong sent, AtomicBoolean cut)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long start = 0;
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range != null && range.startsWith("bytes=")) {
        start = Long.parseLong(range.substring(6, range.indexOf('-')));
        ex.getResponseHeaders()
            .add("Content-Range", "bytes " + start + "-" + (size - 1) + "/" + size);
      }
      long length = size - start;
      ex.sendResponseHeaders(range != null ? 206 : 200, length);
      long stopAt = cut != null && cut.compareAndSet(false, true) ? size / 2 : size;
      OutputStream out = ex.getResponseBody();
      WritableByteChannel target = Channels.newChannel(out);
      ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
      long position = start;
      while (position < stopAt) {
        buffer.clear();
        if (stopAt - position < buffer.capacity()) {
          buffer.limit((int) (stopAt - position));
        }
        int read = channel.read(buffer, position);
        buffer.flip();
        while (buffer.hasRemaining()) {
          target.write(buffer);
        }
        position += read;
        sent.addAndGet(read);
      }
      out.flush();
    } finally {
      try {
        ex.close();
      } catch (RuntimeException ignored) {
        // An early close is the cut this endpoint provokes.
      }
    }
  }
}
