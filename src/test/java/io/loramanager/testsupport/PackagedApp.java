package io.loramanager.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package})
 * run as its own process on a free loopback port, with the given library and data folders. For
 * black-box tests that stop and start the application; its output goes to a log file that failures
 * quote.
 */
public final class PackagedApp implements AutoCloseable {

  public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private PackagedApp(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the jar and waits until {@code /q/health/ready} answers 200. */
  public static PackagedApp start(Path modelsDir, Path dataDir, Path log) {
    return start(modelsDir, dataDir, log, Map.of(), Map.of());
  }

  /**
   * Starts the jar with extra system properties (which win over the defaults, e.g. {@code
   * quarkus.http.host}) and environment variables, and waits until it is ready.
   */
  public static PackagedApp start(
      Path modelsDir,
      Path dataDir,
      Path log,
      Map<String, String> properties,
      Map<String, String> environment) {
    int port = freePort();
    Process process = launch(modelsDir, dataDir, log, port, properties, environment);
    PackagedApp app = new PackagedApp(process, port, log);
    try {
      app.awaitReady();
    } catch (RuntimeException | AssertionError e) {
      app.close();
      throw e;
    }
    return app;
  }

  /**
   * Starts the jar expecting it to refuse to start, and returns its exit code; fails if it is still
   * running after the start timeout (it is stopped then).
   */
  public static int exitCodeOfRefusedStart(
      Path modelsDir,
      Path dataDir,
      Path log,
      Map<String, String> properties,
      Map<String, String> environment) {
    Process process = launch(modelsDir, dataDir, log, freePort(), properties, environment);
    try {
      if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("The application did not exit by itself");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for the application to exit", e);
    }
  }

  private static Process launch(
      Path modelsDir,
      Path dataDir,
      Path log,
      int port,
      Map<String, String> properties,
      Map<String, String> environment) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: package the application first (./mvnw package)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1"); // starts sooner on two cores; behaviour is the same
    command.add("-Dlm.data-dir=" + dataDir.toAbsolutePath());
    command.add("-Dlm.models-dir=" + modelsDir.toAbsolutePath());
    command.add("-Dquarkus.http.host=" + HOST);
    command.add("-Dquarkus.http.port=" + port);
    // Later -D options win: the caller's properties override the defaults above.
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port the application listens on (reachable on 127.0.0.1). */
  public int port() {
    return port;
  }

  /** A rest-assured request to this application. */
  public RequestSpecification http() {
    return given().baseUri("http://" + HOST).port(port);
  }

  /** GETs {@code path}, expects 200, and returns the JSON object body as a map. */
  public Map<String, Object> getJson(String path) {
    return http().get(path).then().statusCode(200).extract().jsonPath().getMap("$");
  }

  private void awaitReady() {
    try {
      await()
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError(
                      "The application exited with " + process.exitValue() + ":\n" + logText());
                }
                return readyStatus() == 200;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("The application was not ready in time:\n" + logText(), e);
    }
  }

  private int readyStatus() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Everything the application printed so far (all runs that share the log file). */
  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Kills the application (SIGKILL) as a crash or a power cut would: no shutdown hook runs. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the application as a service manager would (SIGTERM), forcibly if it hangs. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
