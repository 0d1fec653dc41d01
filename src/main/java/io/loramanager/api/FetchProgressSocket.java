package io.loramanager.api;

import io.loramanager.events.Broadcast;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** {@code /ws/fetch-progress}: the broadcast bus; every frame goes to every client. */
@WebSocket(path = "/ws/fetch-progress")
public class FetchProgressSocket {

  private static final Logger LOG = Logger.getLogger(FetchProgressSocket.class);

  @Inject OpenConnections connections;

  @OnOpen
  void open(WebSocketConnection connection) {
    // Nothing is sent on open: the reference's bus has no greeting.
  }

  void relay(@Observes Broadcast broadcast) {
    for (WebSocketConnection connection : connections.findByEndpointId(endpointId())) {
      connection
          .sendText(broadcast.payload())
          .subscribe()
          .with(
              ok -> {}, failure -> LOG.debugf("Dropped frame to %s: %s", connection.id(), failure));
    }
  }

  static String endpointId() {
    return FetchProgressSocket.class.getName();
  }
}
