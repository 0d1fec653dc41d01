package io.loramanager.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes progress to the sockets: broadcasts for {@code /ws/fetch-progress} and start-up frames
 * for {@code /ws/init-progress}, whose last frame per scanner is kept for late clients.
 */
@ApplicationScoped
public class ProgressEvents {

  private final Event<Broadcast> broadcasts;
  private final Event<InitProgressFrame> initFrames;
  private final Map<String, InitProgressFrame> lastInitFrames = new ConcurrentHashMap<>();

  @Inject
  public ProgressEvents(Event<Broadcast> broadcasts, Event<InitProgressFrame> initFrames) {
    this.broadcasts = broadcasts;
    this.initFrames = initFrames;
  }

  public void broadcast(Object payload) {
    broadcasts.fire(new Broadcast(payload));
  }

  public void modelsChanged() {
    broadcast(ModelsChanged.INSTANCE);
  }

  public void initProgress(InitProgressFrame frame) {
    lastInitFrames.put(frame.replayKey(), frame);
    initFrames.fire(frame);
  }

  /** The last start-up frame of each scanner, to replay to a new client. */
  public List<InitProgressFrame> lastInitFrames() {
    return List.copyOf(lastInitFrames.values());
  }
}
