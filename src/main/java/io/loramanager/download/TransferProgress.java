package io.loramanager.download;

import java.util.OptionalLong;

/**
 * A progress snapshot of one transfer.
 *
 * @param bytesDownloaded bytes on disk, including a resumed prefix
 * @param totalBytes the size of the file, when known
 * @param bytesPerSecond speed over the last few seconds (0 when paused or finished)
 * @param etaSeconds time left at that speed, when total and speed are known
 */
public record TransferProgress(
    long bytesDownloaded, OptionalLong totalBytes, double bytesPerSecond, OptionalLong etaSeconds) {

  /** Percent complete, 0–100 (0 while the total is unknown). */
  public double percent() {
    if (totalBytes.isEmpty() || totalBytes.getAsLong() <= 0) {
      return 0;
    }
    return Math.min(100.0, bytesDownloaded * 100.0 / totalBytes.getAsLong());
  }
}
