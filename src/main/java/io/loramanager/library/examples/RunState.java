package io.loramanager.library.examples;

import io.loramanager.errors.LmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one run's state machine and counters (anchor-downloads §7.2): idle → running ⇄ paused →
 * stopping → stopped, or completed / error. Every method holds the monitor; the worker waits on it
 * while paused, so pause, resume and stop wake it at once.
 */
final class RunState {

  enum Status {
    IDLE,
    RUNNING,
    PAUSED,
    STOPPING,
    STOPPED,
    COMPLETED,
    ERROR;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean active() {
      return this == RUNNING || this == PAUSED || this == STOPPING;
    }
  }

  /** The counters the progress file keeps. */
  record Progress(
      Set<String> processed,
      Set<String> refreshed,
      Set<String> failed,
      Set<String> rateLimited,
      int completed,
      int total) {}

  private Status status = Status.IDLE;
  private int total;
  private int completed;
  private String currentModel = "";
  private final List<String> errors = new ArrayList<>();
  private String lastError;
  private Double startTime;
  private Double endTime;
  private final Set<String> processed = new LinkedHashSet<>();
  private final Set<String> refreshed = new LinkedHashSet<>();
  private final Set<String> failed = new LinkedHashSet<>();
  private final Set<String> reprocessed = new LinkedHashSet<>();
  private final Set<String> rateLimited = new LinkedHashSet<>();

  /** Starts a run over a history; refused with the snapshot while one is active. */
  synchronized void start(ProgressFile.History history, double now) {
    if (status.active()) {
      throw new RunInProgress(snapshot());
    }
    status = Status.RUNNING;
    total = 0;
    completed = 0;
    currentModel = "";
    errors.clear();
    lastError = null;
    startTime = now;
    endTime = null;
    processed.clear();
    processed.addAll(history.processed());
    failed.clear();
    failed.addAll(history.failed());
    rateLimited.clear();
    rateLimited.addAll(history.rateLimited());
    refreshed.clear();
    reprocessed.clear();
  }

  synchronized void pause() {
    if (status != Status.RUNNING) {
      throw LmException.badInput("No download in progress");
    }
    status = Status.PAUSED;
  }

  synchronized void resume() {
    if (status != Status.PAUSED) {
      throw LmException.badInput(
          status.active()
              ? "Download is in '" + status.label() + "' state, cannot resume"
              : "No download in progress");
    }
    status = Status.RUNNING;
    notifyAll();
  }

  synchronized void stop() {
    if (status != Status.RUNNING && status != Status.PAUSED) {
      throw LmException.badInput("No download in progress");
    }
    status = Status.STOPPING;
    notifyAll();
  }

  /** Blocks while paused; true when the worker may start the next model, false once stopping. */
  synchronized boolean awaitTurn() throws InterruptedException {
    while (status == Status.PAUSED) {
      wait();
    }
    return status == Status.RUNNING;
  }

  /** Waits up to {@code millis} between models; a stop ends the wait early. */
  synchronized void pauseBetweenModels(long millis) throws InterruptedException {
    long until = System.nanoTime() + millis * 1_000_000L;
    long left = millis;
    while (left > 0 && status == Status.RUNNING) {
      wait(left);
      left = (until - System.nanoTime()) / 1_000_000L;
    }
  }

  synchronized void finish(double now) {
    status = status == Status.STOPPING ? Status.STOPPED : Status.COMPLETED;
    currentModel = "";
    endTime = now;
    notifyAll();
  }

  synchronized void fail(String message, double now) {
    status = Status.ERROR;
    errors.add(message);
    lastError = message;
    endTime = now;
    notifyAll();
  }

  synchronized void total(int models) {
    total = models;
  }

  synchronized void current(String model) {
    currentModel = model;
  }

  synchronized void modelDone() {
    completed++;
  }

  synchronized void error(String message) {
    errors.add(message);
    lastError = message;
  }

  synchronized boolean isProcessed(String hash) {
    return processed.contains(hash);
  }

  synchronized boolean isFailed(String hash) {
    return failed.contains(hash);
  }

  synchronized boolean isRefreshed(String hash) {
    return refreshed.contains(hash);
  }

  synchronized void markProcessed(String hash) {
    processed.add(hash);
    rateLimited.remove(hash);
  }

  synchronized void markFailed(String hash) {
    failed.add(hash);
  }

  synchronized void clearFailed(String hash) {
    failed.remove(hash);
  }

  synchronized void markRefreshed(String hash) {
    refreshed.add(hash);
  }

  synchronized void markReprocessed(String hash) {
    reprocessed.add(hash);
  }

  synchronized void markRateLimited(String hash) {
    rateLimited.add(hash);
  }

  synchronized Status status() {
    return status;
  }

  synchronized Progress progress() {
    return new Progress(
        new LinkedHashSet<>(processed),
        new LinkedHashSet<>(refreshed),
        new LinkedHashSet<>(failed),
        new LinkedHashSet<>(rateLimited),
        completed,
        total);
  }

  /** The reference's status snapshot. */
  synchronized Map<String, Object> snapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", total);
    out.put("completed", completed);
    out.put("current_model", currentModel);
    out.put("status", status.label());
    out.put("errors", List.copyOf(errors));
    out.put("last_error", lastError);
    out.put("start_time", startTime);
    out.put("end_time", endTime);
    out.put("processed_models", List.copyOf(processed));
    out.put("refreshed_models", List.copyOf(refreshed));
    out.put("failed_models", List.copyOf(failed));
    out.put("reprocessed_models", List.copyOf(reprocessed));
    out.put("rate_limited_models", List.copyOf(rateLimited));
    return out;
  }

  /** The {@code example_images_progress} frame for {@code /ws/fetch-progress}. */
  synchronized Map<String, Object> frame() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "example_images_progress");
    out.put("processed", completed);
    out.put("total", total);
    out.put("status", status.label());
    out.put("current_model", currentModel);
    if (!errors.isEmpty()) {
      out.put("errors", List.copyOf(errors));
      out.put("last_error", lastError);
    }
    if (status == Status.ERROR) {
      out.put("error", lastError);
    }
    return out;
  }
}
