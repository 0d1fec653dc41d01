package io.loramanager.civitai;

import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.settings.SettingsStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * fetch-all-civitai (anchor-library §5.7): refreshes every candidate of a type in the background,
 * one model after the other through the shared rate limiter, with progress frames on {@code
 * /ws/fetch-progress}. One run per type; a run can be cancelled and stops by itself after {@value
 * #RATE_LIMIT_ABORT} rate-limited models in a row.
 */
@ApplicationScoped
public class BulkRefresh {

  private static final Logger LOG = Logger.getLogger(BulkRefresh.class);
  static final int RATE_LIMIT_ABORT = 3;
  static final String FRAME_TYPE = "metadata_refresh_progress";

  private final ModelCatalog catalog;
  private final MetadataFetcher fetcher;
  private final ProgressEvents events;
  private final SettingsStore settings;
  private final Map<ModelType, Run> running = new ConcurrentHashMap<>();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "civitai-bulk-refresh");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public BulkRefresh(
      ModelCatalog catalog,
      MetadataFetcher fetcher,
      ProgressEvents events,
      SettingsStore settings) {
    this.catalog = catalog;
    this.fetcher = fetcher;
    this.events = events;
    this.settings = settings;
  }

  /** Starts a run; 409 when one of this type is still going. */
  public Run start(ModelType type) {
    List<ModelEntry> candidates =
        RefreshCandidates.select(catalog.snapshot(type).all(), skipPaths());
    Run run = new Run(type, candidates);
    if (running.putIfAbsent(type, run) != null) {
      throw LmException.conflict(
          "A Civitai metadata refresh of " + type.label() + "s is already running");
    }
    try {
      executor.execute(
          () -> {
            try {
              run.result.complete(run.execute());
            } catch (RuntimeException e) {
              LOG.error("Civitai metadata refresh failed", e);
              run.result.complete(
                  run.finish("error", "Metadata refresh failed: " + e.getMessage()));
            } finally {
              running.remove(type, run);
            }
          });
    } catch (RuntimeException e) {
      running.remove(type, run);
      throw e;
    }
    return run;
  }

  /** {@code metadata_refresh_skip_paths} of settings.json: a list, or one comma-separated text. */
  private List<String> skipPaths() {
    List<String> paths = new ArrayList<>();
    com.fasterxml.jackson.databind.JsonNode node =
        settings.snapshot().path("metadata_refresh_skip_paths");
    if (node.isArray()) {
      node.forEach(item -> paths.add(item.asText("")));
    } else if (node.isTextual()) {
      paths.addAll(List.of(node.asText().split(",")));
    }
    return paths.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
  }

  /** Asks the running refresh of this type to stop after the current model. */
  public boolean cancel(ModelType type) {
    Run run = running.get(type);
    if (run == null) {
      return false;
    }
    run.cancelled = true;
    return true;
  }

  @PreDestroy
  void stop() {
    running.values().forEach(run -> run.cancelled = true);
    executor.shutdownNow();
  }

  /** One bulk run: its counters, its frames and, at the end, its result. */
  public final class Run {

    private final ModelType type;
    private final List<ModelEntry> candidates;
    private final long started = System.nanoTime();
    private final List<Map<String, String>> failures = new ArrayList<>();
    private final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private int processed;
    private int success;
    private int skipped;
    private String currentName = "";

    Run(ModelType type, List<ModelEntry> candidates) {
      this.type = type;
      this.candidates = candidates;
    }

    public int total() {
      return candidates.size();
    }

    /** Completes with the reference's result body when the run ends. */
    public CompletableFuture<Map<String, Object>> result() {
      return result;
    }

    Map<String, Object> execute() {
      emit("started", null);
      int rateLimitedInARow = 0;
      for (ModelEntry candidate : candidates) {
        if (cancelled) {
          return finish("cancelled", "Metadata refresh cancelled; " + remaining() + " left");
        }
        ModelEntry entry = catalog.current(type).byPath(candidate.filePath());
        currentName = candidate.displayName(false);
        if (entry == null || !hasOrCanGetHash(entry)) {
          skipped++;
          emit("processing", null);
          continue;
        }
        try {
          fetcher.fetch(type, entry);
          success++;
          rateLimitedInARow = 0;
        } catch (CivitaiFailure e) {
          fail(e.getMessage());
          if (e.reason() == CivitaiFailure.Reason.OFFLINE) {
            processed++;
            return finish("error", e.getMessage());
          }
          rateLimitedInARow =
              e.reason() == CivitaiFailure.Reason.RATE_LIMITED ? rateLimitedInARow + 1 : 0;
        } catch (LmException e) {
          fail(e.getMessage());
          rateLimitedInARow = 0;
        }
        processed++;
        if (rateLimitedInARow >= RATE_LIMIT_ABORT) {
          return finish("rate_limited", "Rate limit detected; " + remaining() + " models skipped");
        }
        emit("processing", null);
      }
      return finish(
          "completed",
          "Successfully updated "
              + success
              + " of "
              + processed
              + " processed "
              + type.id()
              + "s (total: "
              + total()
              + ")");
    }

    private boolean hasOrCanGetHash(ModelEntry entry) {
      return type == ModelType.CHECKPOINT || (entry.sha256() != null && !entry.sha256().isEmpty());
    }

    private int remaining() {
      return total() - processed - skipped;
    }

    private void fail(String error) {
      Map<String, String> failure = new LinkedHashMap<>();
      failure.put("name", currentName);
      failure.put("error", error);
      failures.add(failure);
    }

    Map<String, Object> finish(String status, String message) {
      emit(status, message);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", status.equals("completed"));
      body.put("status", status);
      body.put("message", message);
      body.put("processed", processed);
      body.put("updated", success);
      body.put("total", total());
      body.put("failures", List.copyOf(failures));
      body.put("failure_count", failures.size());
      body.put("skipped_count", skipped);
      body.put("elapsed_seconds", elapsedSeconds());
      return body;
    }

    private double elapsedSeconds() {
      return Math.round((System.nanoTime() - started) / 1e7) / 100.0;
    }

    private void emit(String status, String message) {
      Map<String, Object> frame = new LinkedHashMap<>();
      frame.put("type", FRAME_TYPE);
      frame.put("model_type", type.prefix());
      frame.put("status", status);
      frame.put("total", total());
      frame.put("processed", processed);
      frame.put("success", success);
      frame.put("failure_count", failures.size());
      frame.put("skipped_count", skipped);
      frame.put("handled", processed + skipped);
      frame.put("elapsed_seconds", elapsedSeconds());
      frame.put("current_name", currentName);
      boolean terminal = !status.equals("started") && !status.equals("processing");
      if (terminal) {
        frame.put("failures", List.copyOf(failures));
        frame.put("message", message);
        if (status.equals("error")) {
          frame.put("error", message);
        }
      }
      events.broadcast(frame);
    }
  }
}
