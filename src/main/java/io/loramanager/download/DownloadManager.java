package io.loramanager.download;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.settings.LmConfig;
import io.loramanager.storage.JsonFiles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs model downloads: at most {@code lm.download.max-concurrent} transfer at once, the others
 * wait; each moves through queued → waiting → downloading ⇄ paused → completed | skipped | failed |
 * cancelled, with a frame on /ws/download-progress at every step and a history row at the end. The
 * same version requested while it downloads joins the running download.
 */
@ApplicationScoped
public class DownloadManager {

  private static final Logger LOG = Logger.getLogger(DownloadManager.class);

  private static final long KEEP_ENDED_NANOS = TimeUnit.SECONDS.toNanos(600);

  private final ModelDownload flow;
  private final DownloadFrames frames;
  private final DownloadQueueStore queue;
  private final JsonFiles json;
  private final Clock clock;
  private final Semaphore slots;
  private final Map<String, DownloadTask> tasks = new ConcurrentHashMap<>();
  private final Map<Long, DownloadTask> byVersion = new ConcurrentHashMap<>();
  private final ExecutorService workers;

  @Inject
  public DownloadManager(
      ModelDownload flow,
      DownloadFrames frames,
      DownloadQueueStore queue,
      JsonFiles json,
      LmConfig config,
      Clock clock) {
    this.flow = flow;
    this.frames = frames;
    this.queue = queue;
    this.json = json;
    this.clock = clock;
    this.slots = new Semaphore(Math.max(1, config.download().maxConcurrent()), true);
    AtomicInteger count = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "lm-download-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  /** A started (or joined) download. */
  public record Started(String downloadId, CompletionStage<DownloadOutcome> outcome) {}

  /** Starts the download, or joins the running download of the same id or version. */
  public synchronized Started start(DownloadSpec request) {
    forgetOld();
    String id =
        request.downloadId() == null || request.downloadId().isBlank()
            ? UUID.randomUUID().toString()
            : request.downloadId();
    DownloadTask running = tasks.get(id);
    if ((running == null || !running.active()) && request.versionId() != null) {
      running = byVersion.get(request.versionId());
    }
    if (running != null && running.active()) {
      return new Started(running.id, running.outcome);
    }
    DownloadTask task = new DownloadTask(id, request.withDownloadId(id));
    tasks.put(id, task);
    if (request.versionId() != null) {
      byVersion.put(request.versionId(), task);
    }
    workers.execute(() -> run(task));
    return new Started(id, task.outcome);
  }

  private void run(DownloadTask task) {
    DownloadOutcome outcome;
    boolean slot = false;
    try {
      task.status("waiting");
      slot = acquire(task);
      if (!task.control.isStopped()) {
        task.status(task.control.isPaused() ? "paused" : "downloading");
        queue.updateStatus(task.id, "downloading", DownloadQueueStore.Progress.NONE);
      }
      outcome = finish(task, flow.run(task.id, task.spec, task.control));
    } catch (TransferFailure failure) {
      outcome = stopped(task, failure);
    } catch (DownloadSkipped skipped) {
      outcome = skipped(task, skipped);
    } catch (ModelDownload.Refused refused) {
      outcome = failed(task, refused.getMessage(), 500);
    } catch (LmException e) {
      outcome = failed(task, e.getMessage(), e.kind() == LmException.Kind.BAD_INPUT ? 400 : 500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = failed(task, "Download was interrupted", 500);
    } catch (RuntimeException e) {
      LOG.errorf(e, "Download %s failed", task.id);
      outcome = failed(task, String.valueOf(e.getMessage()), 500);
    } finally {
      if (slot) {
        slots.release();
      }
      if (task.spec.versionId() != null) {
        byVersion.remove(task.spec.versionId(), task);
      }
    }
    task.ended(System.nanoTime());
    task.outcome.complete(outcome);
  }

  /** Forgets downloads that ended long ago (the reference keeps them 600 s). */
  private void forgetOld() {
    long now = System.nanoTime();
    tasks
        .values()
        .removeIf(
            t -> {
              boolean old = t.endedBefore(now, KEEP_ENDED_NANOS);
              if (old) {
                frames.forget(t.id);
              }
              return old;
            });
  }

  /** Waits for a slot; gives up when the download is cancelled or skipped meanwhile. */
  private boolean acquire(DownloadTask task) throws InterruptedException {
    while (!task.control.isStopped()) {
      if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    throw new TransferFailure(TransferFailure.Reason.CANCELLED, "Download was stopped");
  }

  private DownloadOutcome finish(DownloadTask task, ModelDownload.Downloaded downloaded) {
    task.status("completed");
    ObjectNode frame = frames.frame("completed", 100, task.id);
    frame.put("file_path", io.loramanager.library.PathNames.slashes(downloaded.file()));
    frames.send(task.id, frame);
    record(
        task,
        new DownloadQueueStore.Outcome(
            "completed",
            null,
            io.loramanager.library.PathNames.slashes(downloaded.file()),
            downloaded.size(),
            downloaded.size(),
            now()));
    ObjectNode body = json.mapper().createObjectNode();
    body.put("success", true);
    body.put("download_id", task.id);
    return new DownloadOutcome(200, body);
  }

  private DownloadOutcome stopped(DownloadTask task, TransferFailure failure) {
    if (failure.reason() != TransferFailure.Reason.CANCELLED) {
      return failed(task, failure.getMessage(), 500);
    }
    boolean skipped = task.control.state() == TransferControl.State.SKIPPED;
    task.status(skipped ? "skipped" : "cancelled");
    record(task, new DownloadQueueStore.Outcome("canceled", null, null, 0, null, now()));
    ObjectNode body = json.mapper().createObjectNode();
    body.put("success", true);
    body.put("cancelled", true);
    body.put("download_id", task.id);
    return new DownloadOutcome(200, body);
  }

  /** A skip rule stopped the download before any transfer: a success, status {@code skipped}. */
  private DownloadOutcome skipped(DownloadTask task, DownloadSkipped skipped) {
    task.status("skipped");
    ObjectNode details = skipped.details();
    ObjectNode frame = frames.frame("skipped", 0, task.id);
    frame.set("reason", details.get("reason"));
    frame.set("message", details.get("message"));
    frames.send(task.id, frame);
    record(task, new DownloadQueueStore.Outcome("skipped", null, null, 0, null, now()));
    ObjectNode body = json.mapper().createObjectNode();
    body.put("success", true);
    body.put("skipped", true);
    body.put("status", "skipped");
    body.setAll(details);
    body.put("download_id", task.id);
    return new DownloadOutcome(200, body);
  }

  private DownloadOutcome failed(DownloadTask task, String error, int status) {
    task.status("failed");
    ObjectNode frame =
        frames.frame(
            "failed",
            frames.last(task.id).map(f -> f.path("progress").asInt(0)).orElse(0),
            task.id);
    frame.put("error", error);
    frames.send(task.id, frame);
    record(task, new DownloadQueueStore.Outcome("failed", error, null, 0, null, now()));
    ObjectNode body = json.mapper().createObjectNode();
    body.put("success", false);
    body.put("error", error);
    body.put("download_id", task.id);
    return new DownloadOutcome(status, body);
  }

  /** Moves the queue row (added here when the client did not queue it) into the history. */
  private void record(DownloadTask task, DownloadQueueStore.Outcome outcome) {
    try {
      if (queue.queued(task.id).isEmpty()) {
        queue.add(
            new DownloadQueueStore.NewItem(
                task.id,
                task.spec.modelId(),
                task.spec.versionId(),
                null,
                null,
                null,
                task.spec.source() == null ? "download" : task.spec.source(),
                task.spec.fileParams() == null ? null : task.spec.fileParams().toString()));
      }
      queue.complete(task.id, outcome);
    } catch (RuntimeException e) {
      LOG.warnf("History of download %s not recorded: %s", task.id, e.getMessage());
    }
  }

  private double now() {
    return clock.millis() / 1000.0;
  }

  /** The reply of pause, resume, cancel and skip: {@code success} plus message or error. */
  public record ControlReply(boolean success, String text) {}

  public ControlReply pause(String id) {
    Optional<DownloadTask> task = active(id);
    if (task.isEmpty()) {
      return new ControlReply(false, "Download task not found");
    }
    if (!task.get().control.pause()) {
      return new ControlReply(false, "Download is already paused");
    }
    task.get().status("paused");
    frames.send(id, controlFrame(id, "paused", "Download paused by user", true));
    return new ControlReply(true, "Download paused successfully");
  }

  public ControlReply resume(String id) {
    Optional<DownloadTask> task = active(id);
    if (task.isEmpty()) {
      return new ControlReply(false, "Download task not found");
    }
    if (!task.get().control.resume()) {
      return new ControlReply(false, "Download is not paused");
    }
    task.get().status("downloading");
    frames.send(id, controlFrame(id, "downloading", "Download resumed by user", false));
    return new ControlReply(true, "Download resumed successfully");
  }

  /** Cancels; the worker then removes the partial file, the preview and the sidecar. */
  public ControlReply cancel(String id) {
    Optional<DownloadTask> task = active(id);
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
    Optional<DownloadTask> task = active(id);
    task.ifPresent(t -> t.control.skip());
    ObjectNode frame = frames.frame("skipped", 0, id);
    frame.put("message", "Download skipped by user (partial files preserved)");
    frames.send(id, frame);
    return task.isPresent()
        ? new ControlReply(true, "Download skipped successfully")
        : new ControlReply(false, "Download task not found");
  }

  /** Whether the download with this id is queued, waiting, transferring or paused. */
  public boolean isRunning(String id) {
    return active(id).isPresent();
  }

  /** The status of a known download, if any. */
  public Optional<String> status(String id) {
    return Optional.ofNullable(tasks.get(id)).map(DownloadTask::status);
  }

  private Optional<DownloadTask> active(String id) {
    return Optional.ofNullable(id == null ? null : tasks.get(id)).filter(DownloadTask::active);
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
