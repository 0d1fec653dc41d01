package io.loramanager.download;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * What a user does to a running download: pause, resume, cancel and skip, each answered with a
 * frame on /ws/download-progress and the queue row's status. The {@link DownloadManager} runs the
 * downloads; this steers them.
 */
@ApplicationScoped
public class DownloadControls {

  private final DownloadManager manager;
  private final DownloadFrames frames;
  private final DownloadQueueStore queue;

  public DownloadControls(
      DownloadManager manager, DownloadFrames frames, DownloadQueueStore queue) {
    this.manager = manager;
    this.frames = frames;
    this.queue = queue;
  }

  /** The reply of pause, resume, cancel and skip: {@code success} plus message or error. */
  public record ControlReply(boolean success, String text) {}

  /**
   * Pauses: a transferring download stops reading and keeps its slot and connection; a waiting one
   * keeps its place in line but lets others take free slots. The queue row says {@code paused}.
   */
  public ControlReply pause(String id) {
    Optional<DownloadTask> found = manager.active(id);
    if (found.isEmpty()) {
      return new ControlReply(false, "Download task not found");
    }
    DownloadTask task = found.get();
    synchronized (task) {
      if (task.hasEnded()) {
        return new ControlReply(false, "Download task not found");
      }
      if (!task.control.pause()) {
        return new ControlReply(false, "Download is already paused");
      }
      task.status("paused");
      // Built as it is sent: the engine's exact count, reported once it stops reading, is never
      // overwritten by a frame that copied the bytes before it.
      ObjectNode frame =
          frames.sendBuilt(id, () -> controlFrame(id, "paused", "Download paused by user", true));
      queue.updateStatus(id, "paused", rowProgress(frame));
    }
    return new ControlReply(true, "Download paused successfully");
  }

  /**
   * Resumes: back to {@code downloading}, or to {@code waiting} when it has no slot yet. A queue
   * row left {@code paused} by an earlier run (nothing runs it now) goes back to {@code queued}, so
   * that the queue drainer starts it again from its {@code .part}.
   */
  public ControlReply resume(String id) {
    Optional<DownloadTask> found = manager.active(id);
    if (found.isEmpty()) {
      return requeuePaused(id);
    }
    DownloadTask task = found.get();
    synchronized (task) {
      if (task.hasEnded()) {
        return new ControlReply(false, "Download task not found");
      }
      if (!task.control.isPaused()) {
        return new ControlReply(false, "Download is not paused");
      }
      // Told before the transfer wakes up, so that its next progress frame comes after this one.
      String status = task.hasSlot() ? "downloading" : "waiting";
      task.status(status);
      queue.updateStatus(id, status, DownloadQueueStore.Progress.NONE);
      frames.send(id, controlFrame(id, status, "Download resumed by user", false));
      if (!task.control.resume()) {
        return new ControlReply(false, "Download is not paused");
      }
    }
    return new ControlReply(true, "Download resumed successfully");
  }

  private ControlReply requeuePaused(String id) {
    if (id == null
        || queue.queued(id).filter(row -> "paused".equals(row.get("status"))).isEmpty()
        || !queue.updateStatus(id, "queued", DownloadQueueStore.Progress.NONE)) {
      return new ControlReply(false, "Download task not found");
    }
    ObjectNode frame = frames.frame("queued", 0, id);
    frame.put("message", "Download resumed by user");
    frames.send(id, frame);
    return new ControlReply(true, "Download resumed successfully");
  }

  /** The figures of a control frame for the queue row. */
  private static DownloadQueueStore.Progress rowProgress(ObjectNode frame) {
    return new DownloadQueueStore.Progress(
        frame.path("progress").asInt(0),
        frame.has("bytes_downloaded") ? frame.get("bytes_downloaded").asLong() : null,
        frame.path("total_bytes").isNumber() ? frame.get("total_bytes").asLong() : null,
        0.0,
        null,
        null);
  }

  /** Cancels; the worker then removes the partial file, the preview and the sidecar. */
  public ControlReply cancel(String id) {
    Optional<DownloadTask> task = manager.active(id);
    task.ifPresent(t -> t.control.cancel());
    ObjectNode frame = frames.frame("cancelled", 0, id);
    frame.put("message", "Download cancelled by user");
    frames.send(id, frame);
    return task.isPresent()
        ? new ControlReply(true, "Download cancelled successfully")
        : new ControlReply(false, "Download task not found");
  }

  /** Stops the download and keeps its partial file, so that a later request resumes it. */
  public ControlReply skip(String id) {
    Optional<DownloadTask> task = manager.active(id);
    task.ifPresent(t -> t.control.skip());
    ObjectNode frame = frames.frame("skipped", 0, id);
    frame.put("message", "Download skipped by user (partial files preserved)");
    frames.send(id, frame);
    return task.isPresent()
        ? new ControlReply(true, "Download skipped successfully")
        : new ControlReply(false, "Download task not found");
  }

  private ObjectNode controlFrame(String id, String status, String message, boolean paused) {
    Optional<ObjectNode> last = frames.last(id);
    ObjectNode frame =
        frames.frame(status, last.map(f -> f.path("progress").asInt(0)).orElse(0), id);
    frame.put("message", message);
    last.filter(f -> f.has("bytes_downloaded"))
        .ifPresent(
            f -> {
              frame.set("bytes_downloaded", f.get("bytes_downloaded"));
              frame.set("total_bytes", f.get("total_bytes"));
            });
    double speed = paused ? 0.0 : last.map(f -> f.path("bytes_per_second").asDouble(0)).orElse(0.0);
    frame.put("bytes_per_second", speed);
    return frame;
  }
}
