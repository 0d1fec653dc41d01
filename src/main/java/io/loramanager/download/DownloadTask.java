package io.loramanager.download;

import java.util.concurrent.CompletableFuture;

/** One download the manager knows: its request, its control, where it stands and its answer. */
final class DownloadTask {

  final String id;
  final DownloadSpec spec;
  final TransferControl control = new TransferControl();
  final CompletableFuture<DownloadOutcome> outcome = new CompletableFuture<>();
  private volatile String status = "queued";

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

  /** Still running: cancel, skip, pause and resume apply. */
  boolean active() {
    return !outcome.isDone();
  }
}
