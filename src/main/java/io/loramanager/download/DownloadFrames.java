package io.loramanager.download;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/**
 * Sends download frames (anchor-downloads §6) and keeps the last one per id for polling ({@code
 * download-progress/{id}}) and for the pause and resume frames, which repeat the cached bytes.
 */
@ApplicationScoped
public class DownloadFrames {

  private final Event<DownloadFrame> bus;
  private final JsonFiles json;
  private final Map<String, ObjectNode> last = new ConcurrentHashMap<>();

  /** Ids of requests that joined a running download, by the download they joined. */
  private final Map<String, Set<String>> followers = new ConcurrentHashMap<>();

  @Inject
  public DownloadFrames(Event<DownloadFrame> bus, JsonFiles json) {
    this.bus = bus;
    this.json = json;
  }

  /** A new frame with {@code status} and {@code download_id} set. */
  public ObjectNode frame(String status, int progress, String downloadId) {
    ObjectNode frame = json.mapper().createObjectNode();
    frame.put("status", status);
    frame.put("progress", progress);
    frame.put("download_id", downloadId);
    return frame;
  }

  /**
   * Caches the frame and sends it to every socket watching its download, and under their own ids to
   * the requests that joined it. Synchronized so that a joining request gets every frame once.
   */
  public synchronized void send(String downloadId, ObjectNode frame) {
    fire(downloadId, frame);
    for (String follower : followers.getOrDefault(downloadId, Set.of())) {
      fire(follower, frame.deepCopy().put("download_id", follower));
    }
  }

  /**
   * Builds and sends a frame as one step among the other sends, so that the state read while
   * building it (paused, stopped) is never overtaken by a control frame sent meanwhile: a {@code
   * cancelled} frame is never followed by a progress frame built before it, and a control frame
   * that repeats the cached bytes repeats the newest. Sends nothing when {@code build} gives null.
   *
   * @return the frame sent, or null
   */
  public synchronized ObjectNode sendBuilt(String downloadId, Supplier<ObjectNode> build) {
    ObjectNode frame = build.get();
    if (frame != null) {
      send(downloadId, frame);
    }
    return frame;
  }

  /**
   * Sends the frames of {@code downloadId} from now on also to {@code followerId}, a request that
   * joined it under its own id, starting with the last frame sent (where the download stands).
   */
  public synchronized void follow(String followerId, String downloadId) {
    followers.computeIfAbsent(downloadId, k -> new CopyOnWriteArraySet<>()).add(followerId);
    last(downloadId).ifPresent(frame -> fire(followerId, frame.put("download_id", followerId)));
  }

  private void fire(String downloadId, ObjectNode frame) {
    last.put(downloadId, frame.deepCopy());
    try {
      bus.fire(new DownloadFrame(downloadId, json.mapper().writeValueAsString(frame)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops the cached frames of a download the manager no longer knows and of its followers. */
  public synchronized void forget(String downloadId) {
    last.remove(downloadId);
    followers.getOrDefault(downloadId, Set.of()).forEach(last::remove);
    followers.remove(downloadId);
  }

  public Optional<ObjectNode> last(String downloadId) {
    return Optional.ofNullable(last.get(downloadId)).map(ObjectNode::deepCopy);
  }
}
