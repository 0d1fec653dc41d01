package io.loramanager.download;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.settings.LmConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts the downloads of the persistent queue in priority order, without a client driving them
 * (the reference leaves that to the browser). Rows left {@code downloading} by a crash or stop are
 * started again like queued ones, into the root and folder they had chosen; the flow finds their
 * {@code .part} there and resumes it by Range. Rows a client set to {@code paused} wait.
 */
@ApplicationScoped
public class QueueDrainer {

  private static final Logger LOG = Logger.getLogger(QueueDrainer.class);

  private final DownloadQueueStore queue;
  private final DownloadManager manager;
  private final ObjectMapper mapper;
  private final Duration poll;
  private ScheduledExecutorService timer;

  @Inject
  public QueueDrainer(
      DownloadQueueStore queue, DownloadManager manager, ObjectMapper mapper, LmConfig config) {
    this.queue = queue;
    this.manager = manager;
    this.mapper = mapper;
    this.poll = config.download().queuePoll();
  }

  void onStart(@Observes StartupEvent event) {
    if (poll.isZero() || poll.isNegative()) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "lm-download-queue");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(this::drainQuietly, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** Starts every queued (or interrupted) row the manager is not running yet; returns how many. */
  public int drain() {
    int started = 0;
    for (Map<String, Object> row : queue.queue()) {
      String id = String.valueOf(row.get("download_id"));
      String status = String.valueOf(row.get("status"));
      if ("paused".equals(status) || manager.isRunning(id)) {
        continue;
      }
      // Into the folder the download chose before it was cut off; else the type's defaults.
      DownloadQueueStore.Target target =
          queue.target(id).orElse(new DownloadQueueStore.Target(null, null));
      manager.start(
          new DownloadSpec(
              number(row.get("model_id")),
              number(row.get("model_version_id")),
              target.modelRoot(),
              target.relativePath(),
              target.relativePath() == null,
              target.modelRoot() != null,
              id,
              fileParams(row.get("file_params")),
              row.get("source") == null ? "queue" : String.valueOf(row.get("source"))));
      started++;
    }
    return started;
  }

  private void drainQuietly() {
    try {
      drain();
    } catch (RuntimeException e) {
      LOG.warnf("Download queue not drained: %s", e.getMessage());
    }
  }

  private static Long number(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  private ObjectNode fileParams(Object text) {
    if (text == null) {
      return null;
    }
    try {
      return mapper.readTree(String.valueOf(text)) instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null;
    }
  }
}
