package io.loramanager.api;

import io.loramanager.events.InitProgressFrame;
import io.loramanager.events.ProgressEvents;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** {@code /ws/init-progress}: scan progress; a new client first gets each scanner's last frame. */
@WebSocket(path = "/ws/init-progress")
public class InitProgressSocket {

  private static final Logger LOG = Logger.getLogger(InitProgressSocket.class);

  @Inject OpenConnections connections;
  @Inject ProgressEvents events;

  @OnOpen
  void open(WebSocketConnection connection) {
    for (InitProgressFrame frame : events.lastInitFrames()) {
      connection.sendTextAndAwait(frame);
    }
  }

  void relay(@Observes InitProgressFrame frame) {
    for (WebSocketConnection connection :
        connections.findByEndpointId(InitProgressSocket.class.getName())) {
      connection
          .sendText(frame)
          .subscribe()
          .with(
              ok -> {}, failure -> LOG.debugf("Dropped frame to %s: %s", connection.id(), failure));
    }
  }
}
