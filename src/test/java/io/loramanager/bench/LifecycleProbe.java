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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures bulk delete and its undo on the packaged server, from the outside, on 127.0.0.1 only:
 * starts the jar over a generated library, waits for readiness, then repeats "bulk-delete COUNT
 * LoRAs spread over the library, then undo that batch", timing each request on one keep-alive
 * connection and checking each result (every model deleted, every file restored, the list total
 * back). The first round is a warm-up. Results are {@code RESULT key=value} lines.
 *
 * <p>Usage: {@code LifecycleProbe JAR DATA_DIR MODELS_DIR PORT COUNT ROUNDS LOG [JVM_OPTION...]},
 * e.g. {@code -Dlm.scan.watch=false} to measure without the file watcher's rescans.
 */
public final class LifecycleProbe {

  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  private static final Pattern TOTAL_DELETED = Pattern.compile("\"total_deleted\"\\s*:\\s*(\\d+)");
  private static final Pattern BATCH = Pattern.compile("\"batch_id\"\\s*:\\s*\"([0-9a-f]{32})\"");
  private static final Pattern EXCLUDED = Pattern.compile("\"exclude\"\\s*:\\s*true");
  private static final Pattern RESTORED = Pattern.compile("\"restored\"\\s*:\\s*\\[([^\\]]*)\\]");

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final String base;
  private final long pid;

  private LifecycleProbe(int port, long pid) {
    this.base = "http://127.0.0.1:" + port;
    this.pid = pid;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 7) {
      System.err.println(
          "usage: LifecycleProbe JAR DATA_DIR MODELS_DIR PORT COUNT ROUNDS LOG [JVM_OPTION...]");
      System.exit(2);
    }
    Path models = Path.of(args[2]);
    int count = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    List<String> doomed = spreadOver(models.resolve("loras"), count);
    List<String> jvmOptions = List.of(args).subList(7, args.length);
    Process server = start(args[0], args[1], models, args[3], Path.of(args[6]), jvmOptions);
    try {
      new LifecycleProbe(Integer.parseInt(args[3]), server.pid()).run(doomed, rounds);
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /**
   * {@code count} listed LoRA files (not excluded, so the list total drops by exactly {@code
   * count}), evenly spread over the sorted list of all of them.
   */
  private static List<String> spreadOver(Path loras, int count) throws IOException {
    List<String> all;
    try (Stream<Path> files = Files.walk(loras)) {
      all =
          files
              .filter(f -> f.getFileName().toString().endsWith(".safetensors"))
              .filter(f -> !excluded(f))
              .map(f -> f.toAbsolutePath().normalize().toString())
              .sorted()
              .toList();
    }
    if (all.size() < count) {
      throw new IllegalStateException("only " + all.size() + " LoRAs under " + loras);
    }
    List<String> picked = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      picked.add(all.get((int) ((long) i * all.size() / count)));
    }
    return picked;
  }

  private static boolean excluded(Path model) {
    String name = model.getFileName().toString();
    Path sidecar =
        model.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".metadata.json");
    try {
      return EXCLUDED.matcher(Files.readString(sidecar)).find();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Process start(
      String jar, String data, Path models, String port, Path log, List<String> jvmOptions)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-Dlm.data-dir=" + data,
            "-Dlm.models-dir=" + models,
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port,
            "-jar",
            jar));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private void run(List<String> doomed, int rounds) throws IOException, InterruptedException {
    awaitReady(TimeUnit.MINUTES.toNanos(5));
    int total = total();
    String body =
        doomed.stream()
            .map(p -> "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(",", "{\"file_paths\":[", "]}"));
    List<Double> deletes = new ArrayList<>();
    List<Double> undos = new ArrayList<>();
    List<Double> deleteCpu = new ArrayList<>();
    List<Double> undoCpu = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      double cpu = cpuSeconds();
      long start = System.nanoTime();
      String deleted = post("/api/lm/loras/bulk-delete", body);
      double deleteMs = (System.nanoTime() - start) / 1e6;
      double deleteCpuS = cpuSeconds() - cpu;
      require(TOTAL_DELETED, deleted, String.valueOf(doomed.size()));
      String batch = find(BATCH, deleted);
      require(TOTAL, get("/api/lm/loras/list?page_size=1"), String.valueOf(total - doomed.size()));

      cpu = cpuSeconds();
      start = System.nanoTime();
      String restored = post("/api/lm/undo-delete", "{\"batch_id\":\"" + batch + "\"}");
      double undoMs = (System.nanoTime() - start) / 1e6;
      double undoCpuS = cpuSeconds() - cpu;
      int files = find(RESTORED, restored).split(",").length;
      if (files < doomed.size()) {
        throw new IllegalStateException("undo restored " + files + " files: " + restored);
      }
      require(TOTAL, get("/api/lm/loras/list?page_size=1"), String.valueOf(total));
      System.out.printf(
          Locale.ROOT,
          "round %d%s: bulk-delete %d models %.0f ms (%.2f CPU-s), undo (%d files) %.0f ms"
              + " (%.2f CPU-s)%n",
          round,
          round == 0 ? " (warm-up)" : "",
          doomed.size(),
          deleteMs,
          deleteCpuS,
          files,
          undoMs,
          undoCpuS);
      if (round > 0) {
        deletes.add(deleteMs);
        undos.add(undoMs);
        deleteCpu.add(deleteCpuS * 1000);
        undoCpu.add(undoCpuS * 1000);
      }
    }
    result("models_in_library", String.valueOf(total));
    result("models_deleted", String.valueOf(doomed.size()));
    result("rounds", String.valueOf(rounds));
    result("bulk_delete_ms_median", median(deletes));
    result("bulk_delete_ms_max", max(deletes));
    result("undo_ms_median", median(undos));
    result("undo_ms_max", max(undos));
    result("bulk_delete_cpu_ms_median", median(deleteCpu));
    result("undo_cpu_ms_median", median(undoCpu));
  }

  /** User + system CPU time of the server process so far (other load does not inflate it). */
  private double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14 and 15 of proc(5), utime and stime, in clock ticks (100 per second on Linux).
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  private void awaitReady(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
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

  private int total() throws IOException, InterruptedException {
    return Integer.parseInt(find(TOTAL, get("/api/lm/loras/list?page_size=1")));
  }

  private String get(String path) throws IOException, InterruptedException {
    return check(client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), text()));
  }

  private String post(String path, String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return check(client.send(request, text()));
  }

  private static HttpResponse.BodyHandler<String> text() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static String check(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static String find(Pattern pattern, String body) {
    Matcher matcher = pattern.matcher(body);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + pattern + " in " + abbreviate(body));
    }
    return matcher.group(1);
  }

  private static void require(Pattern pattern, String body, String expected) {
    String actual = find(pattern, body);
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          "expected "
              + expected
              + " for "
              + pattern
              + ", got "
              + actual
              + " in "
              + abbreviate(body));
    }
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  private static String median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "%.0f", sorted.get(sorted.size() / 2));
  }

  private static String max(List<Double> values) {
    return String.format(Locale.ROOT, "%.0f", Collections.max(values));
  }

  private static void result(String key, String value) {
    System.out.println("RESULT lifecycle." + key + "=" + value);
  }
}
