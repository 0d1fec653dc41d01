package io.loramanager.library.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An image host on {@code 127.0.0.2} (an allowed download host) that counts the requests it is
 * answering at once. The first {@code expected} requests are held until all of them are in flight
 * together, then for a further {@code window} in which a request beyond the bound would arrive, so
 * the peak it reports is exactly what the client allowed. Every later request is answered at once.
 */
final class InFlightImageServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final byte[] body;
  private final int expected;
  private final Duration window;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger arrived = new AtomicInteger();
  private final CountDownLatch allExpectedIn;
  private final CountDownLatch beyondExpected = new CountDownLatch(1);

  InFlightImageServer(byte[] body, int expected, Duration window) {
    this.body = body;
    this.expected = expected;
    this.window = window;
    this.allExpectedIn = new CountDownLatch(expected);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::answer);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.2:" + server.getAddress().getPort() + path;
  }

  /** The most requests that were being answered at one time. */
  int peak() {
    return peak.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    if (now > expected) {
      beyondExpected.countDown();
    }
    try {
      if (arrived.getAndIncrement() < expected) {
        allExpectedIn.countDown();
        allExpectedIn.await(10, TimeUnit.SECONDS);
        beyondExpected.await(window.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Before the answer goes out, so the client's next request never meets a stale count.
      inFlight.decrementAndGet();
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
