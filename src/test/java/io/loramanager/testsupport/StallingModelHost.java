package io.loramanager.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Civitai and its file host on one loopback JDK server, for black-box tests of a packaged app (no
 * WireMock in its process). {@code /api/v1/model-versions/<id>} answers a LoRA version whose one
 * file, {@code <fileName>}, is {@code /files/model}. The first request for the file announces the
 * whole length but sends only the first {@code cut} bytes, then holds the connection open, as a
 * stalled CDN would, until the host is closed; a request with {@code Range: bytes=N-} gets a 206
 * with the rest. Every file request's {@code Range} header is recorded ("" when absent).
 */
public final class StallingModelHost implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final long versionId;
  private final String fileName;
  private final byte[] content;
  private final int cut;
  private final List<String> ranges = new ArrayList<>();

  public StallingModelHost(long versionId, String fileName, byte[] content, int cut) {
    this.versionId = versionId;
    this.fileName = fileName;
    this.content = content.clone();
    this.cut = cut;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/api/v1/model-versions/", this::version);
    server.createContext("/files/model", this::file);
    server.start();
  }

  /** The value for {@code LM_CIVITAI_API_URL}. */
  public String apiUrl() {
    return base() + "/api/v1";
  }

  /** The {@code Range} headers of the file requests so far, in order ("" for none). */
  public synchronized List<String> ranges() {
    return List.copyOf(ranges);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void version(HttpExchange exchange) throws IOException {
    LoraVersionJson.send(
        exchange,
        LoraVersionJson.of(
            versionId,
            fileName,
            content.length,
            LibraryFixture.sha256(content),
            base() + "/files/model"));
  }

  private void file(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    synchronized (this) {
      ranges.add(range == null ? "" : range);
    }
    if (range != null && range.startsWith("bytes=")) {
      int from = Integer.parseInt(range.substring(6, range.length() - 1));
      exchange
          .getResponseHeaders()
          .add(
              "Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      exchange.sendResponseHeaders(206, content.length - from);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(content, from, content.length - from);
      }
      return;
    }
    exchange.sendResponseHeaders(200, content.length);
    OutputStream out = exchange.getResponseBody();
    out.write(content, 0, cut);
    out.flush();
    try {
      closed.await(60, TimeUnit.SECONDS); // holds the body open until the test is done
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.close();
  }
}
