package io.loramanager.download;

import io.loramanager.outbound.AllowedHosts;
import io.loramanager.outbound.OutboundPolicy;
import io.loramanager.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transfer engine a download starts with: the configured one ({@code lm.download.*}), or, when
 * settings.json has {@code download_stall_timeout_seconds}, one with that stall timeout (read on
 * each download, as the reference reads its setting), clamped to at least 30 s as the reference
 * clamps it. One engine per distinct timeout is kept.
 */
@ApplicationScoped
public class TransferEngines {

  static final String STALL_KEY = "download_stall_timeout_seconds";
  static final Duration MIN_STALL = Duration.ofSeconds(30);

  private final TransferEngine configured;
  private final OutboundPolicy policy;
  private final AllowedHosts hosts;
  private final SettingsStore settings;
  private final Map<Duration, TransferEngine> byStall = new ConcurrentHashMap<>();

  @Inject
  public TransferEngines(
      TransferEngine configured,
      OutboundPolicy policy,
      AllowedHosts hosts,
      SettingsStore settings) {
    this.configured = configured;
    this.policy = policy;
    this.hosts = hosts;
    this.settings = settings;
  }

  /** The engine for a download starting now. */
  TransferEngine current() {
    int seconds = settings.integer(STALL_KEY, 0);
    if (seconds <= 0) {
      return configured;
    }
    Duration stall = Duration.ofSeconds(Math.max(MIN_STALL.toSeconds(), seconds));
    TransferSettings base = configured.settings();
    if (stall.equals(base.stallTimeout())) {
      return configured;
    }
    return byStall.computeIfAbsent(
        stall, s -> new TransferEngine(policy, hosts, withStallTimeout(base, s)));
  }

  private static TransferSettings withStallTimeout(TransferSettings base, Duration stall) {
    return new TransferSettings(
        base.maxRetries(),
        base.retryBaseDelay(),
        base.connectTimeout(),
        base.readTimeout(),
        stall,
        base.progressInterval(),
        base.bufferBytes());
  }
}
