package io.loramanager.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file host on loopback whose faults are exact to the byte, which WireMock's faults are not: each
 * request takes the next scripted {@link Step} (serving normally once the script is used up), so a
 * test can cut the connection after 1000 bytes, stall there, ignore {@code Range}, or hold the body
 * until the test opens a gate. Honours {@code Range: bytes=N-} unless told not to; records the
 * {@code Range} header of every GET.
 */
public final class FaultyFileServer implements AutoCloseable {

  /** What the server does with one request. */
  public record Step(Kind kind, long bytes) {

    /** The kinds of behaviour. */
    public enum Kind {
      SERVE,
      IGNORE_RANGE,
      CUT,
      STALL,
      HOLD,
      HOLD_THEN_CUT,
      TRICKLE,
      NO_ANSWER
    }

    /** Serves the (range of the) file normally. */
    public static Step serve() {
      return new Step(Kind.SERVE, 0);
    }

    /** Answers 200 with the whole file even to a ranged request. */
    public static Step ignoreRange() {
      return new Step(Kind.IGNORE_RANGE, 0);
    }

    /** Sends {@code bytes} bytes of the body, then drops the connection. */
    public static Step cutAfter(long bytes) {
      return new Step(Kind.CUT, bytes);
    }

    /** Sends {@code bytes} bytes, then sends nothing more until the server closes. */
    public static Step stallAfter(long bytes) {
      return new Step(Kind.STALL, bytes);
    }

    /** Never sends the response headers (until the server closes). */
    public static Step noAnswer() {
      return new Step(Kind.NO_ANSWER, 0);
    }

    /** Sends {@code bytes} bytes, waits for {@link #openGate()}, then sends the rest. */
    public static Step holdAfter(long bytes) {
      return new Step(Kind.HOLD, bytes);
    }

    /**
     * Sends {@code bytes} bytes, then one byte every 100 ms (so that the client's stall detection
     * stays quiet) until {@link #openGate()}, then the rest.
     */
    public static Step trickle(long bytes) {
      return new Step(Kind.TRICKLE, bytes);
    }

    /** Sends {@code bytes} bytes, waits for {@link #openGate()}, then drops the connection. */
    public static Step holdThenCut(long bytes) {
      return new Step(Kind.HOLD_THEN_CUT, bytes);
    }
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final byte[] content;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Queue<Step> script = new ConcurrentLinkedQueue<>();
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final List<String> methods = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(1);

  private FaultyFileServer(byte[] content) throws IOException {
    this.content = content;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code content} at every path of {@code http://127.0.0.2:PORT/}. */
  public static FaultyFileServer serving(byte[] content) {
    try {
      return new FaultyFileServer(content);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start test file server", e);
    }
  }

  /** Appends steps for the next requests. */
  public FaultyFileServer then(Step... steps) {
    script.addAll(List.of(steps));
    return this;
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.2:" + server.getAddress().getPort() + path);
  }

  /** The Range header of each GET, in order ("" when absent). */
  public List<String> ranges() {
    return new ArrayList<>(ranges);
  }

  /** The method of each request, in order. */
  public List<String> methods() {
    return new ArrayList<>(methods);
  }

  /** GET bodies being sent now. */
  public int openBodies() {
    return open.get();
  }

  /** The most GET bodies that were being sent at the same time. */
  public int mostOpenBodies() {
    return mostOpen.get();
  }

  /** Lets a held body continue. */
  public void openGate() {
    gate.countDown();
  }

  @Override
  public void close() {
    closing.countDown();
    gate.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    methods.add(exchange.getRequestMethod());
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().add("Content-Length", String.valueOf(content.length));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      return;
    }
    ranges.add(range == null ? "" : range);
    Step step = script.poll();
    if (step == null) {
      step = Step.serve();
    }
    if (step.kind() == Step.Kind.NO_ANSWER) {
      awaitQuietly(closing);
      exchange.close();
      return;
    }
    long start = 0;
    Matcher matcher = range == null ? null : RANGE.matcher(range);
    boolean ranged = matcher != null && matcher.matches() && step.kind() != Step.Kind.IGNORE_RANGE;
    if (ranged) {
      start = Long.parseLong(matcher.group(1));
      if (start >= content.length) {
        exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      exchange
          .getResponseHeaders()
          .add(
              "Content-Range",
              "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
    }
    long length = content.length - start;
    exchange.sendResponseHeaders(ranged ? 206 : 200, length);
    OutputStream body = exchange.getResponseBody();
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    try {
      switch (step.kind()) {
        case SERVE, IGNORE_RANGE -> body.write(content, (int) start, (int) length);
        case CUT -> {
          body.write(content, (int) start, (int) Math.min(step.bytes(), length));
          body.flush();
          // Closing a fixed-length body early makes the JDK server drop the connection.
        }
        case STALL -> {
          body.write(content, (int) start, (int) Math.min(step.bytes(), length));
          body.flush();
          closing.await(30, TimeUnit.SECONDS);
        }
        case HOLD -> {
          int first = (int) Math.min(step.bytes(), length);
          body.write(content, (int) start, first);
          body.flush();
          gate.await(30, TimeUnit.SECONDS);
          body.write(content, (int) start + first, (int) length - first);
        }
        case TRICKLE -> {
          int sent = (int) Math.min(step.bytes(), length);
          body.write(content, (int) start, sent);
          body.flush();
          while (!gate.await(100, TimeUnit.MILLISECONDS) && sent < length - 1) {
            body.write(content[(int) start + sent]);
            body.flush();
            sent++;
          }
          body.write(content, (int) start + sent, (int) length - sent);
        }
        case HOLD_THEN_CUT -> {
          body.write(content, (int) start, (int) Math.min(step.bytes(), length));
          body.flush();
          gate.await(30, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.decrementAndGet();
      try {
        exchange.close();
      } catch (RuntimeException ignored) {
        // An early close is the fault this step provokes.
      }
    }
  }
}
