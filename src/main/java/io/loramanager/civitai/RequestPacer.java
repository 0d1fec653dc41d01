package io.loramanager.civitai;

import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.locks.LockSupport;

/**
 * The one rate limiter in front of the Civitai API, shared by every caller: requests leave at most
 * {@code lm.civitai.requests-per-second}, evenly spaced, in the order they ask.
 */
@ApplicationScoped
public class RequestPacer {

  private final long intervalNanos;
  private long nextSlot;

  @Inject
  public RequestPacer(LmConfig config) {
    double perSecond = config.civitai().requestsPerSecond();
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
  }

  /** Waits for this caller's turn. */
  public void acquire() {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    long wait;
    while ((wait = slot - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
