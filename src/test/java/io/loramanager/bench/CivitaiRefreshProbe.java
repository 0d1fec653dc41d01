package io.loramanager.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.OutboundStubs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bulk Civitai refresh of a generated library against a local Civitai stub that answers every call
 * after a fixed delay: the packaged server runs as a child process; we measure the wall time, the
 * requests per second that reached the stub, the server's CPU time (from {@code /proc}) and its RSS
 * sampled during the run. Everything stays on loopback.
 *
 * <p>Usage: {@code CivitaiRefreshProbe JAR WORK_DIR MODELS REQUESTS_PER_SECOND DELAY_MS PORT}
 */
public final class CivitaiRefreshProbe {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private CivitaiRefreshProbe() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int models = Integer.parseInt(args[2]);
    String rate = args[3];
    int delayMs = Integer.parseInt(args[4]);
    int port = Integer.parseInt(args[5]);

    WireMockServer civitai = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    WireMockServer cdn =
        new WireMockServer(options().bindAddress(OutboundStubs.CDN_HOST).dynamicPort());
    civitai.start();
    cdn.start();
    Process server = null;
    try {
      String anyHash = "00".repeat(32);
      civitai.stubFor(
          get(urlPathMatching("/api/v1/model-versions/by-hash/.*"))
              .willReturn(okJson(CivitaiFixtures.version(anyHash, cdn)).withFixedDelay(delayMs)));
      civitai.stubFor(
          get(urlPathMatching("/api/v1/models/.*"))
              .willReturn(okJson(CivitaiFixtures.model(anyHash, cdn)).withFixedDelay(delayMs)));
      CivitaiFixtures.stubImages(cdn);

      LibraryFixture library = new LibraryFixture(work.resolve("models")).reset();
      for (int i = 0; i < models; i++) {
        library.modelWithSidecar(
            library.loras(), String.format("m%05d.safetensors", i), s -> s.put("bench", true));
      }
      Path data = work.resolve("data");
      LibraryFixture.deleteTree(data);
      Files.createDirectories(data);

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Dlm.data-dir=" + data);
      command.add("-Dlm.models-dir=" + work.resolve("models"));
      command.add("-Dlm.scan.watch=false");
      command.add("-Dlm.civitai.api-url=http://localhost:" + civitai.port() + "/api/v1");
      command.add("-Dlm.download-hosts=localhost," + OutboundStubs.CDN_HOST);
      command.add("-Dlm.civitai.requests-per-second=" + rate);
      command.add("-Dquarkus.http.host=127.0.0.1");
      command.add("-Dquarkus.http.port=" + port);
      command.add("-jar");
      command.add(jar.toString());
      server =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("server.log").toFile())
              .start();
      String base = "http://127.0.0.1:" + port;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!listed(base, models)) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          throw new IllegalStateException("server not ready; see " + work.resolve("server.log"));
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      civitai.resetRequests();
      cdn.resetRequests();

      double heapBefore = liveHeapMib(server.pid());
      RssSampler rss = new RssSampler(server.pid());
      rss.start();
      double cpuBefore = cpuSeconds(server.pid());
      long start = System.nanoTime();
      HttpResponse<String> result =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/lm/loras/fetch-all-civitai?wait=true"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofMinutes(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      double wall = (System.nanoTime() - start) / 1e9;
      double cpu = cpuSeconds(server.pid()) - cpuBefore;
      rss.interrupt();
      rss.join();
      double heapAfter = liveHeapMib(server.pid());
      int apiRequests = civitai.getAllServeEvents().size();
      int cdnRequests = cdn.getAllServeEvents().size();

      String label = "civitai_refresh." + rate + "rps";
      System.out.println("RESULT " + label + ".status=" + result.statusCode());
      System.out.println(
          "RESULT "
              + label
              + ".result=\""
              + result.body().replaceAll("\"failures\":\\[[^]]*]", "")
              + "\"");
      System.out.printf("RESULT %s.models=%d%n", label, models);
      System.out.printf("RESULT %s.stub_delay_ms=%d%n", label, delayMs);
      System.out.printf("RESULT %s.wall_s=%.1f%n", label, wall);
      System.out.printf("RESULT %s.api_requests=%d%n", label, apiRequests);
      System.out.printf("RESULT %s.cdn_requests=%d%n", label, cdnRequests);
      System.out.printf("RESULT %s.api_requests_per_s=%.2f%n", label, apiRequests / wall);
      System.out.printf("RESULT %s.server_cpu_s=%.1f%n", label, cpu);
      System.out.printf("RESULT %s.server_cpu_ms_per_model=%.2f%n", label, cpu * 1000 / models);
      System.out.printf(
          "RESULT %s.rss_mib_first_last_max=%d/%d/%d%n",
          label, rss.first / 1024, rss.last / 1024, rss.max / 1024);
      System.out.printf(
          "RESULT %s.live_heap_mib_before_after=%.0f/%.0f%n", label, heapBefore, heapAfter);
    } finally {
      if (server != null) {
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
      }
      civitai.stop();
      cdn.stop();
    }
  }

  private static boolean listed(String base, int expected) {
    try {
      HttpResponse<String> list =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/lm/loras/list?page_size=1"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return list.statusCode() == 200 && list.body().contains("\"total\":" + expected);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Used heap after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}). */
  static double liveHeapMib(long pid) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, Long.toString(pid), "GC.run");
    long usedKib = 0;
    java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher("");
    for (String line : run(jcmd, Long.toString(pid), "GC.heap_info").split("\n")) {
      if ((line.contains("heap") || line.contains("generation")) && used.reset(line).find()) {
        usedKib += Long.parseLong(used.group(1));
      }
    }
    return usedKib / 1024.0;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** utime + stime of a process, in seconds (Linux {@code /proc/PID/stat}, 100 ticks/s). */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** Samples VmRSS every 250 ms until interrupted. */
  private static final class RssSampler extends Thread {
    private final long pid;
    volatile long first = -1;
    volatile long last;
    volatile long max;

    RssSampler(long pid) {
      this.pid = pid;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        try {
          for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
              long kib = Long.parseLong(line.replaceAll("\\D", ""));
              if (first < 0) {
                first = kib;
              }
              last = kib;
              max = Math.max(max, kib);
            }
          }
          TimeUnit.MILLISECONDS.sleep(250);
        } catch (IOException e) {
          return;
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
