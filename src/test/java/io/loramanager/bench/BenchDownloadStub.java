package io.loramanager.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loramanager.testsupport.LoraVersionJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback Civitai and CDN for the downloads benchmark. {@code /api/v1/model-versions/<id>} answers
 * a LoRA version whose one file, {@code bench_<id>.safetensors}, is {@code /files/<id>}: {@code
 * sizeBytes} bytes seeded by the id, with its SHA-256 in the version. Bodies are paced ({@code
 * chunk} bytes, then {@code pauseMillis}) like a CDN that is slower than loopback, so that
 * downloads overlap; the stub counts the bodies it is sending at once, which is the number of
 * transfers the server runs at once.
 */
public final class BenchDownloadStub implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final int sizeBytes;
  private final long pauseMillis;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();

  public BenchDownloadStub(int port, int sizeBytes, long pauseMillis) throws IOException {
    this.sizeBytes = sizeBytes;
    this.pauseMillis = pauseMillis;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(executor);
    server.createContext("/api/v1/model-versions/", this::version);
    server.createContext("/files/", this::file);
    server.start();
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  /** The file version {@code id} downloads. */
  public byte[] content(long id) {
    byte[] content = new byte[sizeBytes];
    new Random(id).nextBytes(content);
    return content;
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String fileName(long id) {
    return "bench_" + id + ".safetensors";
  }

  /** The most file bodies that were being sent at the same time. */
  public int mostOpen() {
    return mostOpen.get();
  }

  /** File bodies sent completely. */
  public int served() {
    return served.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void version(HttpExchange exchange) throws IOException {
    long id = Long.parseLong(last(exchange));
    LoraVersionJson.send(
        exchange,
        LoraVersionJson.of(
            id,
            fileName(id),
            sizeBytes,
            sha256(content(id)),
            "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + id));
  }

  private void file(HttpExchange exchange) throws IOException {
    byte[] content = content(Long.parseLong(last(exchange)));
    exchange.sendResponseHeaders(200, content.length);
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int offset = 0; offset < content.length; offset += CHUNK) {
        out.write(content, offset, Math.min(CHUNK, content.length - offset));
        out.flush();
        TimeUnit.MILLISECONDS.sleep(pauseMillis);
      }
      served.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.decrementAndGet();
    }
  }

  private static String last(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
