package io.loramanager.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.download.DownloadFrame;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code /ws/download-progress?id=}: the frames of one download. Several sockets may watch the same
 * id; closing one never detaches the others (the reference's quirk).
 */
@WebSocket(path = "/ws/download-progress")
public class DownloadProgressSocket {

  private static final Logger LOG = Logger.getLogger(DownloadProgressSocket.class);

  @Inject ObjectMapper mapper;

  private final Map<WebSocketConnection, String> watching = new ConcurrentHashMap<>();

  @OnOpen
  String open(WebSocketConnection connection) {
    String id = connection.handshakeRequest().query();
    String downloadId = queryId(id);
    watching.put(connection, downloadId);
    ObjectNode greeting = mapper.createObjectNode();
    greeting.put("type", "download_id");
    greeting.put("download_id", downloadId);
    return greeting.toString();
  }

  @OnClose
  void close(WebSocketConnection connection) {
    watching.remove(connection);
  }

  void relay(@Observes DownloadFrame frame) {
    watching.forEach(
        (connection, id) -> {
          if (id.equals(frame.downloadId()) && connection.isOpen()) {
            connection
                .sendText(frame.payload())
                .subscribe()
                .with(ok -> {}, e -> LOG.debugf("Dropped frame to %s: %s", connection.id(), e));
          }
        });
  }

  private static String queryId(String query) {
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("id=") && pair.length() > 3) {
          return java.net.URLDecoder.decode(
              pair.substring(3), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    return UUID.randomUUID().toString();
  }
}
