package io.loramanager.download;

import io.loramanager.outbound.AllowedHosts;
import io.loramanager.outbound.OutboundPolicy;
import io.loramanager.testsupport.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Transfer engines for plain unit tests: {@code localhost} plays Civitai (the API host, so it may
 * see the key), {@code 127.0.0.2} a CDN, and only those two hosts are reachable. Timings come from
 * {@link TestConfig#download()}: 2 retries, 1 ms backoff, 1 s stall, 5 s read timeout (generous:
 * the build machine is often loaded, and a spurious timeout would change the requests tests count).
 */
final class TestEngines {

  private TestEngines() {}

  static TransferEngine engine(Path dir, int civitaiPort) {
    return engine(dir, civitaiPort, settings(dir).readTimeout());
  }

  /** An engine with its own response timeout. */
  static TransferEngine engine(Path dir, int civitaiPort, Duration readTimeout) {
    TestConfig config =
        TestConfig.of(dir, dir)
            .withCivitaiApiUrl("http://localhost:" + civitaiPort + "/api/v1")
            .withDownloadHosts("localhost", "127.0.0.2");
    AllowedHosts hosts = new AllowedHosts(config);
    TransferSettings defaults = settings(dir);
    return new TransferEngine(
        new OutboundPolicy(hosts),
        hosts,
        new TransferSettings(
            defaults.maxRetries(),
            defaults.retryBaseDelay(),
            defaults.connectTimeout(),
            readTimeout,
            defaults.stallTimeout(),
            defaults.progressInterval(),
            defaults.bufferBytes()));
  }

  private static TransferSettings settings(Path dir) {
    return TransferSettings.from(TestConfig.of(dir, dir).download());
  }

  /** Collects progress reports. */
  static final class Reports {
    final List<TransferProgress> all = new CopyOnWriteArrayList<>();

    void add(TransferProgress progress) {
      all.add(progress);
    }

    TransferProgress last() {
      return all.get(all.size() - 1);
    }

    long lastBytes() {
      return all.isEmpty() ? 0 : last().bytesDownloaded();
    }
  }

  /** Deterministic, not compressible-looking content of {@code size} bytes. */
  static byte[] content(int size) {
    byte[] bytes = new byte[size];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      bytes[i] = (byte) x;
    }
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
