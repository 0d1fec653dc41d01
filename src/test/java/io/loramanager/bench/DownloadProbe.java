package io.loramanager.bench;

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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Downloads benchmark (issue 5): starts the packaged server against {@link BenchDownloadStub} (its
 * Civitai API URL and the only download host), fires {@code COUNT} {@code download-model} requests
 * at once, and reports the wall time until the last answer, the most transfers the stub saw at once
 * (must not exceed the limit), and how many files arrived with the SHA-256 the version publishes.
 *
 * <pre>
 * java DownloadProbe JAR WORK_DIR PORT STUB_PORT COUNT SIZE_KIB PAUSE_MS LIMIT LOG
 * </pre>
 */
public final class DownloadProbe {

  private static final long FIRST_VERSION = 500_001;

  private DownloadProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 9) {
      System.err.println(
          "usage: DownloadProbe JAR WORK_DIR PORT STUB_PORT COUNT SIZE_KIB PAUSE_MS LIMIT LOG");
      System.exit(2);
    }
    Path work = Path.of(args[1]).toAbsolutePath();
    int port = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[4]);
    int sizeKib = Integer.parseInt(args[5]);
    int limit = Integer.parseInt(args[7]);
    Path loras = Files.createDirectories(work.resolve("models/loras"));
    Files.createDirectories(work.resolve("data"));
    try (BenchDownloadStub stub =
        new BenchDownloadStub(Integer.parseInt(args[3]), sizeKib * 1024, Long.parseLong(args[6]))) {
      Process server = start(args[0], work, port, stub.apiUrl(), limit, Path.of(args[8]));
      try {
        run(stub, port, loras, count, sizeKib, limit);
      } finally {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
  }

  private static Process start(String jar, Path work, int port, String apiUrl, int limit, Path log)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dlm.data-dir=" + work.resolve("data"),
            "-Dlm.models-dir=" + work.resolve("models"),
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port,
            "-Dlm.download.max-concurrent=" + limit,
            // The Civitai pacing (2 requests/s by default) would measure politeness, not downloads.
            "-Dlm.civitai.requests-per-second=1000",
            "-jar",
            jar);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("LM_CIVITAI_API_URL", apiUrl);
    builder.environment().put("LM_DOWNLOAD_HOSTS", "127.0.0.1");
    return builder.start();
  }

  private static void run(
      BenchDownloadStub stub, int port, Path loras, int count, int sizeKib, int limit)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String base = "http://127.0.0.1:" + port;
    awaitReady(client, base);
    Path folder = loras.resolve("bench");
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String body =
          "{\"model_version_id\": %d, \"model_root\": \"%s\", \"relative_path\": \"bench\","
                  .formatted(FIRST_VERSION + i, loras.toString().replace("\\", "\\\\"))
              + " \"download_id\": \"bench-"
              + i
              + "\"}";
      answers.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/api/lm/download-model"))
                  .timeout(Duration.ofMinutes(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    int succeeded = 0;
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.join();
      if (response.statusCode() == 200 && response.body().contains("\"success\":true")) {
        succeeded++;
      } else {
        System.out.println("failed: " + response.statusCode() + " " + response.body());
      }
    }
    int verified = 0;
    for (int i = 0; i < count; i++) {
      long id = FIRST_VERSION + i;
      Path file = folder.resolve(BenchDownloadStub.fileName(id));
      if (Files.isRegularFile(file)
          && BenchDownloadStub.sha256(Files.readAllBytes(file))
              .equals(BenchDownloadStub.sha256(stub.content(id)))
          && Files.exists(folder.resolve("bench_" + id + ".metadata.json"))) {
        verified++;
      }
    }
    result("count", String.valueOf(count));
    result("size_kib", String.valueOf(sizeKib));
    result("limit", String.valueOf(limit));
    result("succeeded", String.valueOf(succeeded));
    result("verified_sha256", String.valueOf(verified));
    result("bodies_served", String.valueOf(stub.served()));
    result("max_concurrent", String.valueOf(stub.mostOpen()));
    result("limit_honoured", String.valueOf(stub.mostOpen() <= limit));
    result("total_s", String.format(Locale.ROOT, "%.2f", seconds));
    result("mib_s", String.format(Locale.ROOT, "%.1f", count * sizeKib / 1024.0 / seconds));
  }

  private static void result(String key, String value) {
    System.out.println("RESULT downloads." + key + "=" + value);
  }

  private static void awaitReady(HttpClient client, String base) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> ready =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    throw new IllegalStateException("server not ready in time");
  }
}
