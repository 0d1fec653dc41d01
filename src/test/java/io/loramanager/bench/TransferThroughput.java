package io.loramanager.bench;

import io.loramanager.download.TransferControl;
import io.loramanager.download.TransferEngine;
import io.loramanager.download.TransferRequest;
import io.loramanager.download.TransferResult;
import io.loramanager.download.TransferSettings;
import io.loramanager.outbound.AllowedHosts;
import io.loramanager.outbound.OutboundPolicy;
import io.loramanager.testsupport.TestConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One TransferEngine download from a {@link BenchFileServer}, for bench/run.sh: {@code java
 * TransferThroughput URL TARGET SHA256 [SENT_URL]}. Prints RESULT lines: wall seconds, this
 * process's CPU seconds, MiB/s, peak heap after the transfer, and (with SENT_URL) the bytes the
 * server sent beyond the file size, i.e. what a resume re-transferred. With {@code
 * -Dbench.warmup=true} one whole transfer runs first and is not measured: the figures are then
 * those of a server whose download code is already compiled, as it is after its first download.
 */
public final class TransferThroughput {

  private TransferThroughput() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    Path target = Path.of(args[1]);
    String sha = args[2];
    String prefix = args.length > 4 ? args[4] : "engine";
    Files.deleteIfExists(target);
    Files.deleteIfExists(TransferRequest.partFileOf(target));
    TestConfig config =
        TestConfig.of(target.getParent(), target.getParent()).withDownloadHosts("127.0.0.1");
    AllowedHosts hosts = new AllowedHosts(config);
    TransferEngine engine =
        new TransferEngine(
            new OutboundPolicy(hosts),
            hosts,
            new TransferSettings(
                5,
                Duration.ofMillis(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofMillis(500),
                Integer.getInteger("bench.buffer", TransferSettings.DEFAULT_BUFFER_BYTES)));
    if (Boolean.getBoolean("bench.warmup")) {
      engine.transfer(
          TransferRequest.of(url, target).withSha256(sha), new TransferControl(), p -> {});
      Files.delete(target);
    }
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    TransferResult result =
        engine.transfer(
            TransferRequest.of(url, target).withSha256(sha), new TransferControl(), p -> {});
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    result(prefix + ".wall_s", String.format(Locale.ROOT, "%.2f", wall));
    result(prefix + ".cpu_s", String.format(Locale.ROOT, "%.2f", cpu));
    result(
        prefix + ".mib_per_s",
        String.format(Locale.ROOT, "%.0f", result.size() / wall / (1 << 20)));
    result(
        prefix + ".peak_heap_mib",
        String.format(Locale.ROOT, "%.1f", peakHeap / (double) (1 << 20)));
    result(prefix + ".max_heap_mib", String.valueOf(Runtime.getRuntime().maxMemory() >> 20));
    if (args.length > 3 && !args[3].equals("-")) {
      try (var in = URI.create(args[3]).toURL().openStream()) {
        long sent = Long.parseLong(new String(in.readAllBytes()).trim());
        result(prefix + ".retransferred_bytes", String.valueOf(sent - result.size()));
      }
    }
  }

  private static void result(String key, String value) {
    System.out.println("RESULT " + key + "=" + value);
  }
}
