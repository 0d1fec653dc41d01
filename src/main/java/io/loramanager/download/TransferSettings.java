package io.loramanager.download;

import io.loramanager.settings.LmConfig;
import java.time.Duration;

/**
 * The tunables of the {@link TransferEngine}, from {@code lm.download.*}.
 *
 * @param maxRetries retries after consecutive network failures without progress in between
 * @param retryBaseDelay the first backoff delay; each further retry doubles it
 * @param connectTimeout time to open a connection
 * @param readTimeout time from request to response headers
 * @param stallTimeout time without a byte of the body before the connection is dropped
 * @param progressInterval minimum time between two progress reports
 * @param bufferBytes bytes gathered in memory before each disk write (bounded, never the file)
 */
public record TransferSettings(
    int maxRetries,
    Duration retryBaseDelay,
    Duration connectTimeout,
    Duration readTimeout,
    Duration stallTimeout,
    Duration progressInterval,
    int bufferBytes) {

  /**
   * Blocks of 1 MiB: written with {@code O_DIRECT} straight from the block, larger writes cost the
   * device and the CPU less per byte (256 KiB blocks measured about 1.3x the CPU; 2-4 MiB no
   * better; docs/performance.md).
   */
  public static final int DEFAULT_BUFFER_BYTES = 1024 * 1024;

  public TransferSettings {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("lm.download.max-retries must be >= 0");
    }
    if (bufferBytes < 4096) {
      throw new IllegalArgumentException("buffer must be at least 4 KiB");
    }
  }

  public static TransferSettings from(LmConfig.Download config) {
    return new TransferSettings(
        config.maxRetries(),
        config.retryBaseDelay(),
        config.connectTimeout(),
        config.readTimeout(),
        config.stallTimeout(),
        config.progressInterval(),
        DEFAULT_BUFFER_BYTES);
  }

  /** Total attempts allowed in a row without progress. */
  public int maxAttempts() {
    return maxRetries + 1;
  }

  /** Backoff before retry number {@code retry} (1-based): base × 2^(retry−1), capped at 5 min. */
  public Duration backoff(int retry) {
    long factor = 1L << Math.min(20, Math.max(0, retry - 1));
    Duration delay = retryBaseDelay.multipliedBy(factor);
    Duration cap = Duration.ofMinutes(5);
    return delay.compareTo(cap) > 0 ? cap : delay;
  }
}
