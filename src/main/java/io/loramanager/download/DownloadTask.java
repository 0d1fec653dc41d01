package io.loramanager.download;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One download the manager knows: its request, its control, where it stands and its answer. Status
 * changes that also send a frame or touch the queue row happen while holding the task's monitor, so
 * that a pause racing the worker never leaves them disagreeing.
 */
final class DownloadTask {

  private static final Set<String> ENDED = Set.of("completed", "skipped", "failed", "cancelled");

  final String id;
  final DownloadSpec spec;
  final TransferControl control = new TransferControl();
  final CompletableFuture<DownloadOutcome> outcome = new CompletableFuture<>();
  private volatile String status = "queued";
  private volatile long endedAtNanos;
  private volatile boolean hasSlot;

  DownloadTask(String id, DownloadSpec spec) {
    this.id = id;
    this.spec = spec;
  }

  String status() {
    return status;
  }

  /** Sets the status; an ended download keeps its final one. */
  void status(String status) {
    if (!hasEnded()) {
      this.status = status;
    }
  }

  /** Completed, skipped, failed or cancelled. */
  boolean hasEnded() {
    return ENDED.contains(status);
  }

  /** Whether the download holds a transfer slot (it waits for one before). */
  boolean hasSlot() {
    return hasSlot;
  }

  void slotTaken() {
    hasSlot = true;
  }

  void ended(long nanos) {
    endedAtNanos = nanos;
  }

  /** Finished more than {@code nanos} before {@code now}. */
  boolean endedBefore(long now, long nanos) {
    return !active() && now - endedAtNanos > nanos;
  }

  /** Still running: cancel, skip, pause and resume apply. */
  boolean active() {
    return !outcome.isDone();
  }
}
