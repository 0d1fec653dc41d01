package io.loramanager.download;

import java.util.concurrent.CompletableFuture;

/** One download the manager knows: its request, its control, where it stands and its answer. */
final class DownloadTask {

  final String id;
  final DownloadSpec spec;
  final TransferControl control = new TransferControl();
  final CompletableFuture<DownloadOutcome> outcome = new CompletableFuture<>();
  private volatile String status = "queued";
  private volatile long endedAtNanos;

  DownloadTask(String id, DownloadSpec spec) {
    this.id = id;
    this.spec = spec;
  }

  String status() {
    return status;
  }

  void status(String status) {
    this.status = status;
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
