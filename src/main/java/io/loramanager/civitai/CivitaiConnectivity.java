package io.loramanager.civitai;

import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The offline state shared by every Civitai caller: after a refused connection or an unknown host,
 * requests fail at once with a clear 503 for a cool-down period instead of each one waiting for the
 * network again.
 */
@ApplicationScoped
public class CivitaiConnectivity {

  private static final Logger LOG = Logger.getLogger(CivitaiConnectivity.class);

  private final Duration cooldown;
  private volatile long offlineUntil;
  private volatile String lastReason = "";

  @Inject
  public CivitaiConnectivity(LmConfig config) {
    this.cooldown = config.civitai().offlineCooldown();
  }

  /** Throws the offline failure while the cool-down lasts. */
  public void requireOnline() {
    long left = offlineUntil - System.nanoTime();
    if (offlineUntil != 0 && left > 0) {
      throw offline(lastReason, Duration.ofNanos(left));
    }
  }

  /** Starts a cool-down and returns the failure to throw for this request. */
  CivitaiFailure markOffline(String reason) {
    lastReason = reason;
    offlineUntil = System.nanoTime() + cooldown.toNanos();
    LOG.warnf("Civitai is unreachable (%s); not retrying for %d s", reason, cooldown.toSeconds());
    return offline(reason, cooldown);
  }

  /** A request got through: the machine is online. */
  void markOnline() {
    offlineUntil = 0;
  }

  public boolean offline() {
    return offlineUntil != 0 && offlineUntil - System.nanoTime() > 0;
  }

  private static CivitaiFailure offline(String reason, Duration left) {
    long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
    return new CivitaiFailure(
        CivitaiFailure.Reason.OFFLINE,
        "Civitai is unreachable ("
            + reason
            + "); check the network connection. Will try again in "
            + seconds
            + " s");
  }
}
