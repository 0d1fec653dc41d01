package io.loramanager.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A real WebSocket client that records every JSON text frame it receives, in order. */
public final class WebSocketRecorder implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
  private final WebSocket socket;

  private WebSocketRecorder(URI uri) {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, new Listener())
            .join();
  }

  /** Connects to {@code path} (e.g. {@code /ws/fetch-progress}) on the test server. */
  public static WebSocketRecorder connect(URI httpBase, String path) {
    String base = httpBase.toString().replaceFirst("^http", "ws").replaceAll("/$", "");
    return new WebSocketRecorder(URI.create(base + path));
  }

  /** Every frame so far. */
  public List<JsonNode> frames() {
    return new ArrayList<>(frames);
  }

  /** Waits (up to 10 s) for a frame matching the predicate and returns it. */
  public JsonNode awaitFrame(Predicate<JsonNode> match) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> frames.stream().filter(match).findFirst().orElse(null), f -> f != null);
  }

  /** Frames matching the predicate, in arrival order. */
  public List<JsonNode> framesMatching(Predicate<JsonNode> match) {
    return frames.stream().filter(match).toList();
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(MAPPER.readTree(partial.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
