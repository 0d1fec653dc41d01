package io.loramanager.download;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.settings.LmConfig;
import io.loramanager.settings.SettingsChanged;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.JsonFiles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs model downloads: at most {@code lm.download.max-concurrent} transfer at once, the others
 * wait; each moves through queued → waiting → downloading ⇄ paused → completed | skipped | failed |
 * cancelled, with a frame on /ws/download-progress at every step and a history row at the end. The
 * same file of the same version requested while it downloads joins the running download.
 */
@ApplicationScoped
public class DownloadManager {

  private static final Logger LOG = Logger.getLogger(DownloadManager.class);

  /** The settings.json key that overrides {@code lm.download.max-concurrent}, live. */
  static final String LIMIT_KEY = "max_concurrent_downloads";

  private static final long KEEP_ENDED_NANOS = TimeUnit.SECONDS.toNanos(600);

  private final ModelDownload flow;
  private final DownloadFrames frames;
  private final DownloadQueueStore queue;
  private final JsonFiles json;
  private final Clock clock;
  private final SettingsStore settings;
  private final int configuredLimit;
  private final DownloadSlots slots;
  private final Map<String, DownloadTask> tasks = new ConcurrentHashMap<>();
  private final Map<VersionFile, DownloadTask> byFile = new ConcurrentHashMap<>();
  private final ExecutorService workers;

  @Inject
  public DownloadManager(
      ModelDownload flow,
      DownloadFrames frames,
      DownloadQueueStore queue,
      JsonFiles json,
      LmConfig config,
      SettingsStore settings,
      Clock clock) {
    this.flow = flow;
    this.frames = frames;
    this.queue = queue;
    this.json = json;
    this.clock = clock;
    this.settings = settings;
    this.configuredLimit = config.download().maxConcurrent();
    this.slots = new DownloadSlots(limit());
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

  /** A changed {@code max_concurrent_downloads} applies at once, also to downloads waiting now. */
  void onSettingsChanged(@Observes SettingsChanged change) {
    if (change.changed(LIMIT_KEY)) {
      slots.resize(limit());
      LOG.infof("Downloads at once: %d", slots.limit());
    }
  }

  private int limit() {
    return settings.integer(LIMIT_KEY, configuredLimit);
  }

  /** A started (or joined) download. */
  public record Started(String downloadId, CompletionStage<DownloadOutcome> outcome) {}

  /**
   * One file of one version, as a request selects it: {@code file_params} as given ("" for the
   * primary file), so that two files of one version download side by side.
   */
  private record VersionFile(long versionId, String file) {
    static Optional<VersionFile> of(DownloadSpec spec) {
      return Optional.ofNullable(spec.versionId())
          .map(
              v ->
                  new VersionFile(
                      v, spec.fileParams() == null ? "" : spec.fileParams().toString()));
    }
  }

  /**
   * Starts the download, or joins the running download of the same id or the same file of the same
   * version; a request that joins under its own id gets the frames under that id too.
   */
  public synchronized Started start(DownloadSpec request) {
    forgetOld();
    boolean named = request.downloadId() != null && !request.downloadId().isBlank();
    String id = named ? request.downloadId() : UUID.randomUUID().toString();
    Optional<VersionFile> file = VersionFile.of(request);
    DownloadTask running = tasks.get(id);
    if ((running == null || !running.active()) && file.isPresent()) {
      running = byFile.get(file.get());
    }
    if (running != null && running.active()) {
      if (named && !running.id.equals(id)) {
        frames.follow(id, running.id);
      }
      return new Started(running.id, running.outcome);
    }
    DownloadTask task = new DownloadTask(id, request.withDownloadId(id));
    tasks.put(id, task);
    file.ifPresent(f -> byFile.put(f, task));
    begin(task);
    slots.join(task); // in line in start order: the drainer starts rows in priority order
    workers.execute(() -> run(task));
    return new Started(id, task.outcome);
  }

  /**
   * Writes the queue row before anything moves (the reference writes none for {@code
   * download-model}), so that a download cut off by a crash is found and resumed by the drainer.
   */
  private void begin(DownloadTask task) {
    DownloadSpec spec = task.spec;
    // A root the template folder does not go under is not kept: the default root replaces it.
    boolean rootUsed = !spec.useDefaultPaths() || spec.useSaveDirAsRoot();
    String root =
        spec.modelRoot() == null || spec.modelRoot().isBlank() || !rootUsed
            ? null
            : spec.modelRoot();
    try {
      queue.begin(
          new DownloadQueueStore.NewItem(
              task.id,
              spec.modelId(),
              spec.versionId(),
              null,
              null,
              null,
              spec.source() == null ? "download" : spec.source(),
              spec.fileParams() == null ? null : spec.fileParams().toString()),
          new DownloadQueueStore.Target(root, spec.useDefaultPaths() ? null : spec.relativePath()));
    } catch (RuntimeException e) {
      LOG.warnf("Queue row of download %s not written: %s", task.id, e.getMessage());
    }
  }

  /** Records the folder the flow chose, so that a resume after a crash saves into it too. */
  private void placed(DownloadTask task, DownloadTarget.Place place) {
    try {
      queue.placeIn(
          task.id, new DownloadQueueStore.Target(place.root().toString(), place.relativePath()));
    } catch (RuntimeException e) {
      LOG.warnf("Target of download %s not recorded: %s", task.id, e.getMessage());
    }
  }

  private void run(DownloadTask task) {
    DownloadOutcome outcome;
    boolean slot = false;
    try {
      slot = acquire(task);
      outcome =
          finish(task, flow.run(task.id, task.spec, task.control, place -> placed(task, place)));
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
      outcome = failed(task, EarlyAccess.restriction(String.valueOf(e.getMessage())), 500);
    } finally {
      if (slot) {
        slots.release();
      }
      VersionFile.of(task.spec).ifPresent(f -> byFile.remove(f, task));
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

  /**
   * Takes a transfer slot, waiting in line when all are taken (status, frame and queue row {@code
   * waiting}). A download paused while it waits keeps its place but takes no slot until resumed; a
   * cancel or skip meanwhile ends the wait.
   */
  private boolean acquire(DownloadTask task) throws InterruptedException {
    boolean waited = false;
    while (!task.control.isStopped()) {
      if (slots.take(task, waited ? 100 : 0)) {
        if (slotTaken(task, waited)) {
          return true;
        }
        slots.release(); // stopped just as the slot came free
        break;
      }
      if (!waited) {
        announceWaiting(task);
        waited = true;
      }
    }
    slots.leave(task);
    throw new TransferFailure(TransferFailure.Reason.CANCELLED, "Download was stopped");
  }

  private void announceWaiting(DownloadTask task) {
    synchronized (task) {
      if (task.control.isPaused() || task.control.isStopped()) {
        return; // the pause or stop already told its own status
      }
      task.status("waiting");
      queue.updateStatus(task.id, "waiting", DownloadQueueStore.Progress.NONE);
      ObjectNode frame = frames.frame("waiting", 0, task.id);
      frame.put("message", "Waiting for a free download slot");
      frames.send(task.id, frame);
    }
  }

  /**
   * Marks the slot taken; a download that waited for it says that it starts now. False when the
   * download was stopped meanwhile.
   */
  private boolean slotTaken(DownloadTask task, boolean waited) {
    synchronized (task) {
      if (task.control.isStopped()) {
        return false;
      }
      task.slotTaken();
      boolean paused = task.control.isPaused();
      task.status(paused ? "paused" : "downloading");
      if (!paused) {
        queue.updateStatus(task.id, "downloading", DownloadQueueStore.Progress.NONE);
        if (waited) {
          frames.send(task.id, frames.frame("downloading", 0, task.id));
        }
      }
      return true;
    }
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

  /** Moves the queue row (written when the download started) into the history. */
  private void record(DownloadTask task, DownloadQueueStore.Outcome outcome) {
    try {
      queue.complete(task.id, outcome);
    } catch (RuntimeException e) {
      LOG.warnf("History of download %s not recorded: %s", task.id, e.getMessage());
    }
  }

  private double now() {
    return clock.millis() / 1000.0;
  }

  /** Whether the download with this id is queued, waiting, transferring or paused. */
  public boolean isRunning(String id) {
    return active(id).isPresent();
  }

  /** The status of a known download, if any. */
  public Optional<String> status(String id) {
    return Optional.ofNullable(tasks.get(id)).map(DownloadTask::status);
  }

  /** The download with this id while it is queued, waiting, transferring or paused. */
  Optional<DownloadTask> active(String id) {
    return Optional.ofNullable(id == null ? null : tasks.get(id)).filter(DownloadTask::active);
  }
}
