package io.loramanager.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the packaged server as a child process and measures it from the outside, on 127.0.0.1
 * only: time from process start to {@code /q/health/ready} = 200 and to the first {@code
 * /api/lm/loras/list} answering with the full total; the end of the start-up reconciliation (from
 * the log); RSS; sequential HTTP latency percentiles of two list queries; and no-change rescans.
 * Every loop is bounded by a count and a deadline. Results are {@code RESULT key=value} lines.
 *
 * <p>Usage: {@code ServerProbe --jar JAR --data DIR --models DIR --port N --expect-total N [--label
 * NAME] [--log FILE] [--timeout-s 180] [--latency-requests 2000] [--latency-warmup 500] [--rescans
 * 3] [--organize 0] [--jvm-opt OPT]...}
 */
public final class ServerProbe {

  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  private static final Pattern RECONCILED =
      Pattern.compile("(LoRA|Checkpoint|Embedding) catalogue (built|reconciled)");
  private static final Pattern LOG_EVENT =
      Pattern.compile(
          "^(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) .*?(started in [0-9.]+s"
              + "|(?:LoRA|Checkpoint|Embedding) catalogue (?:built|reconciled))",
          Pattern.MULTILINE);
  private static final Pattern ORGANIZE_SUMMARY =
      Pattern.compile("\"message\"\\s*:\\s*\"Auto-organize all completed: ([^\"]*)\"");
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Map<String, List<String>> options;
  private final String label;
  private final int port;
  private final int expectTotal;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofMillis(500))
          .build();
  private final Map<String, String> results = new LinkedHashMap<>();

  private ServerProbe(Map<String, List<String>> options) {
    this.options = options;
    this.label = one("label", "server");
    this.port = Integer.parseInt(one("port", null));
    this.expectTotal = Integer.parseInt(one("expect-total", null));
  }

  public static void main(String[] args) throws Exception {
    ServerProbe probe = new ServerProbe(parse(args));
    int status = probe.run();
    System.exit(status);
  }

  private int run() throws IOException, InterruptedException {
    Path log = Path.of(one("log", "target/bench/" + label + ".log"));
    Files.createDirectories(log.toAbsolutePath().getParent());
    warmUpClient();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options.getOrDefault("jvm-opt", List.of()));
    command.add("-Dlm.data-dir=" + one("data", null));
    command.add("-Dlm.models-dir=" + one("models", null));
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-jar");
    command.add(one("jar", "target/quarkus-app/quarkus-run.jar"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intOption("timeout-s", 180));

    long start = System.nanoTime();
    java.time.LocalTime startClock = java.time.LocalTime.now();
    Process server = builder.start();
    try {
      return measure(server, start, deadline, log);
    } finally {
      stop(server);
      logEvents(log, startClock);
      results.forEach(
          (key, value) -> System.out.println("RESULT " + label + "." + key + "=" + value));
    }
  }

  private int measure(Process server, long start, long deadline, Path log)
      throws IOException, InterruptedException {
    String fullList = listUrl(null);
    // Two pollers, so that a slow first list does not delay the readiness poll or the reverse.
    Poller ready =
        new Poller(server, deadline, () -> status("/q/health/ready") == 200, "cpu_s_at_ready");
    Poller listed =
        new Poller(
            server,
            deadline,
            () -> {
              HttpResponse<String> list = get(fullList, Duration.ofSeconds(30));
              return list != null && list.statusCode() == 200 && total(list.body()) == expectTotal;
            },
            "cpu_s_at_full_list");
    ready.start();
    listed.start();
    ready.join();
    listed.join();
    results.put("polls", ready.polls + "+" + listed.polls);
    if (ready.at < 0 || listed.at < 0) {
      results.put("error", server.isAlive() ? "timed out" : "server exited " + server.exitValue());
      return 1;
    }
    results.put(ready.cpuKey, ready.cpu);
    results.put(listed.cpuKey, listed.cpu);
    results.put("start_to_ready_ms", ms(ready.at - start));
    results.put("start_to_full_list_ms", ms(listed.at - start));
    results.put("rss_at_full_list_mb", rssMb(server.pid(), "VmRSS"));

    long reconciled = waitForReconciliation(log, deadline, server);
    results.put("start_to_reconciled_ms", reconciled < 0 ? "not seen" : ms(reconciled - start));

    int warmup = intOption("latency-warmup", 500);
    int requests = intOption("latency-requests", 2000);
    latency("list_name", fullList, warmup, requests);
    latency("list_name_search", listUrl(ListQueryBenchmark.SEARCH_TERM), warmup, requests);
    results.put("rss_after_latency_mb", rssMb(server.pid(), "VmRSS"));

    rescans(server, intOption("rescans", 3), fullList);
    organize(intOption("organize", 0));
    results.put("rss_final_mb", rssMb(server.pid(), "VmRSS"));
    results.put("rss_peak_mb", rssMb(server.pid(), "VmHWM"));
    liveHeap(server.pid());
    return 0;
  }

  /**
   * Auto-organize of every type, {@code count} times in a row (GET, all models), timed from the
   * request to the end of the answer; the summary counts of the last run are recorded too.
   */
  private void organize(int count) {
    for (int i = 0; i < count; i++) {
      long total = 0;
      StringBuilder counts = new StringBuilder();
      for (String type : List.of("loras", "checkpoints", "embeddings")) {
        long t = System.nanoTime();
        HttpResponse<String> answer =
            get(url("/api/lm/" + type + "/auto-organize"), Duration.ofSeconds(300));
        long took = System.nanoTime() - t;
        total += took;
        if (answer == null || answer.statusCode() != 200) {
          results.put("organize_error", answer == null ? "no answer" : "HTTP " + answer.body());
          return;
        }
        results.put("organize_" + type + "_" + (i + 1) + "_ms", ms(took));
        Matcher summary = ORGANIZE_SUMMARY.matcher(answer.body());
        counts.append(type).append(':').append(summary.find() ? summary.group(1) : "?").append(' ');
      }
      results.put("organize_all_types_" + (i + 1) + "_ms", ms(total));
      results.put("organize_summary", "\"" + counts.toString().trim() + "\"");
    }
  }

  /** No-change rescans of the LoRAs, each followed by one list (the new snapshot's first). */
  private void rescans(Process server, int count, String fullList) {
    if (count <= 0) {
      return;
    }
    double[] scans = new double[count];
    int done = 0;
    String cpuBefore = cpuSeconds(server.pid());
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      HttpResponse<String> scan = get(url("/api/lm/loras/scan"), Duration.ofSeconds(120));
      if (scan == null || scan.statusCode() != 200) {
        results.put("rescan_error", scan == null ? "no answer" : "HTTP " + scan.statusCode());
        break;
      }
      scans[done++] = (System.nanoTime() - t) / 1e6;
      long first = System.nanoTime();
      get(fullList, Duration.ofSeconds(10));
      results.put("list_after_rescan_" + (i + 1) + "_ms", ms(System.nanoTime() - first));
    }
    if (done == 0) {
      return;
    }
    results.put(
        "rescan_cpu_s_each",
        String.format(
            Locale.ROOT,
            "%.2f",
            (Double.parseDouble(cpuSeconds(server.pid())) - Double.parseDouble(cpuBefore)) / done));
    double[] measured = Arrays.copyOf(scans, done);
    results.put("rescan_ms", format(measured));
    Arrays.sort(measured);
    results.put("rescan_median_ms", String.format(Locale.ROOT, "%.0f", measured[done / 2]));
  }

  /**
   * When the log says Quarkus started and each catalogue was built or reconciled, in ms after the
   * process start (the log's clock has ms resolution; the line is written just after the event).
   */
  private void logEvents(Path log, java.time.LocalTime startClock) throws IOException {
    Matcher matcher = LOG_EVENT.matcher(Files.readString(log, StandardCharsets.UTF_8));
    long startMs = startClock.toNanoOfDay() / 1_000_000;
    while (matcher.find()) {
      long at =
          ((Long.parseLong(matcher.group(1)) * 60 + Long.parseLong(matcher.group(2))) * 60
                      + Long.parseLong(matcher.group(3)))
                  * 1000
              + Long.parseLong(matcher.group(4));
      String event = matcher.group(5);
      String key =
          event.startsWith("started")
              ? "log_quarkus_started_ms"
              : "log_" + event.substring(0, event.indexOf(' ')).toLowerCase(Locale.ROOT) + "_ms";
      results.putIfAbsent(key, Long.toString(Math.floorMod(at - startMs, 86_400_000L)));
      if (event.startsWith("started")) {
        results.putIfAbsent(
            "log_quarkus_reported_boot_s", event.replaceAll("[^0-9.]", "").replaceAll("\\.$", ""));
      }
    }
  }

  /** Polls a condition every 10 ms until it holds, the deadline passes or the server exits. */
  private static final class Poller extends Thread {
    private final Process server;
    private final long deadline;
    private final java.util.function.BooleanSupplier condition;
    private final String cpuKey;
    private volatile long at = -1;
    private volatile String cpu = "n/a";
    private volatile int polls;

    Poller(
        Process server,
        long deadline,
        java.util.function.BooleanSupplier condition,
        String cpuKey) {
      this.server = server;
      this.deadline = deadline;
      this.condition = condition;
      this.cpuKey = cpuKey;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (System.nanoTime() < deadline && server.isAlive()) {
        polls++;
        if (condition.getAsBoolean()) {
          at = System.nanoTime();
          cpu = cpuSeconds(server.pid());
          return;
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
  }

  /** The log lines of the start-up scan of all three types; the time the probe saw the last. */
  private long waitForReconciliation(Path log, long deadline, Process server) throws IOException {
    while (System.nanoTime() < deadline && server.isAlive()) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Matcher matcher = RECONCILED.matcher(text);
      int seen = 0;
      while (matcher.find()) {
        seen++;
      }
      if (seen >= 3) {
        return System.nanoTime();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return -1;
  }

  private void latency(String name, String target, int warmup, int requests) {
    if (requests <= 0) {
      return;
    }
    for (int i = 0; i < warmup; i++) {
      get(target, Duration.ofSeconds(10));
    }
    double[] micros = new double[requests];
    int failed = 0;
    long begin = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      long t = System.nanoTime();
      HttpResponse<String> response = get(target, Duration.ofSeconds(10));
      micros[i] = (System.nanoTime() - t) / 1e3;
      if (response == null || response.statusCode() != 200) {
        failed++;
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    Arrays.sort(micros);
    results.put(name + "_p50_ms", msFromMicros(percentile(micros, 0.50)));
    results.put(name + "_p90_ms", msFromMicros(percentile(micros, 0.90)));
    results.put(name + "_p99_ms", msFromMicros(percentile(micros, 0.99)));
    results.put(name + "_max_ms", msFromMicros(micros[micros.length - 1]));
    results.put(name + "_req_s", String.format(Locale.ROOT, "%.0f", requests / seconds));
    results.put(name + "_failed", Integer.toString(failed));
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * The heap the catalogue really needs: {@code jcmd GC.run} (a full collection), then the used
   * heap from {@code GC.heap_info}, and the RSS after it. Last, as it disturbs what follows.
   */
  private void liveHeap(long pid) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    if (!Files.isExecutable(Path.of(jcmd))) {
      return;
    }
    run(jcmd, Long.toString(pid), "GC.run");
    long usedKb = 0;
    Matcher used = Pattern.compile("used (\\d+)K").matcher("");
    for (String line : run(jcmd, Long.toString(pid), "GC.heap_info").split("\n")) {
      if ((line.contains("heap") || line.contains("generation")) && used.reset(line).find()) {
        usedKb += Long.parseLong(used.group(1));
      }
    }
    results.put("live_heap_after_full_gc_mb", String.format(Locale.ROOT, "%.0f", usedKb / 1024.0));
    results.put("rss_after_full_gc_mb", rssMb(pid, "VmRSS"));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** Makes the client load its classes before the clock starts (the port must be closed). */
  private void warmUpClient() {
    for (int i = 0; i < 3; i++) {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        throw new IllegalStateException(
            "port "
                + port
                + " already answers (HTTP "
                + response.statusCode()
                + "); stop it first");
      } catch (ConnectException e) {
        // expected: nothing listens yet
      } catch (IOException e) {
        // also fine: nothing useful listens
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private int status(String path) {
    HttpResponse<String> response = get(url(path), Duration.ofSeconds(5));
    return response == null ? -1 : response.statusCode();
  }

  /**
   * One GET, or null on any failure. The request timeout only covers the response headers, so the
   * whole exchange is also bounded (a server stuck mid-body must not stall the probe).
   */
  private HttpResponse<String> get(String target, Duration timeout) {
    java.util.concurrent.CompletableFuture<HttpResponse<String>> call =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create(target)).timeout(timeout).build(),
            HttpResponse.BodyHandlers.ofString());
    try {
      return call.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      call.cancel(true);
      return null;
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private String listUrl(String search) {
    return url(
        "/api/lm/loras/list?page=1&page_size=100&sort_by=name"
            + (search == null ? "" : "&search=" + search));
  }

  private static int total(String body) {
    Matcher matcher = TOTAL.matcher(body);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  private static String rssMb(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field + ":")) {
        long kb = Long.parseLong(line.replaceAll("\\D+", ""));
        return String.format(Locale.ROOT, "%.0f", kb / 1024.0);
      }
    }
    return "n/a";
  }

  /**
   * CPU time (user + system) the process has used, in seconds: a figure that, unlike wall time,
   * does not grow when other processes compete for the two cores.
   */
  private static String cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return String.format(Locale.ROOT, "%.2f", ticks / 100.0);
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static void stop(Process server) throws InterruptedException {
    if (!server.isAlive()) {
      return;
    }
    server.destroy();
    if (!server.waitFor(30, TimeUnit.SECONDS)) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.0f", nanos / 1e6);
  }

  private static String msFromMicros(double micros) {
    return String.format(Locale.ROOT, "%.2f", micros / 1e3);
  }

  private static String format(double[] values) {
    StringBuilder out = new StringBuilder();
    for (double value : values) {
      out.append(out.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.0f", value));
    }
    return out.toString();
  }

  private String one(String key, String fallback) {
    List<String> values = options.get(key);
    if (values == null || values.isEmpty()) {
      if (fallback == null) {
        throw new IllegalArgumentException("missing --" + key);
      }
      return fallback;
    }
    return values.get(values.size() - 1);
  }

  private int intOption(String key, int fallback) {
    return Integer.parseInt(one(key, Integer.toString(fallback)));
  }

  private static Map<String, List<String>> parse(String[] args) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value, got " + args[i]);
      }
      options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
    }
    return options;
  }
}
