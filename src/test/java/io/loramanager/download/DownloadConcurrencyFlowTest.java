package io.loramanager.download;

import static io.loramanager.download.DownloadScenario.history;
import static io.loramanager.download.DownloadScenario.historyStatus;
import static io.loramanager.download.DownloadScenario.progressStatus;
import static io.loramanager.download.DownloadScenario.queue;
import static io.loramanager.download.DownloadScenario.queueStatuses;
import static io.loramanager.download.DownloadScenario.stats;
import static io.loramanager.testsupport.DownloadAssertions.steps;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.FaultyFileServer;
import io.loramanager.testsupport.FaultyFileServer.Step;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.SettingsBackup;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The download slots: at most {@code lm.download.max-concurrent} (5 in tests) or the live setting
 * {@code max_concurrent_downloads} transfer at once, the others are {@code waiting} (status, frame,
 * queue row, stats); a download paused while it waits holds no slot. The file host trickles every
 * body after its first bytes until the test opens its gate, so the counts are exact, not timed.
 */
@QuarkusTest
class DownloadConcurrencyFlowTest {

  private static final AtomicLong VERSIONS = new AtomicLong(930_000);
  private static final int HELD_BYTES = 1000;

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;
  @Inject QueueDrainer drainer;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private byte[] content;
  private FaultyFileServer files;
  private SettingsBackup settings;
  private final List<WebSocketRecorder> sockets = new ArrayList<>();

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    settings = SettingsBackup.take();
    given().get("/api/lm/downloads/history/clear").then().statusCode(200);
    given().get("/api/lm/downloads/queue/clear").then().statusCode(200);
    content = new byte[1_000_000];
    new Random(VERSIONS.get()).nextBytes(content);
    files = FaultyFileServer.serving(content);
  }

  @AfterEach
  void close() {
    sockets.forEach(WebSocketRecorder::close);
    files.close();
    settings.restore();
  }

  /** A queued version whose file the host holds; returns its download id. */
  private String queued(long versionId) {
    String id = "slot-" + versionId;
    DownloadScenario.stubVersion(civitai, versionId, content, files.url("/f/" + versionId));
    files.then(Step.trickle(HELD_BYTES));
    WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/download-progress?id=" + id);
    socket.awaitFrame(f -> f.has("type"));
    sockets.add(socket);
    queue(id, versionId);
    return id;
  }

  private WebSocketRecorder socketOf(String id) {
    return sockets.stream()
        .filter(s -> s.frames().get(0).path("download_id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private Path target(long versionId) {
    return library.loras().resolve("SDXL 1.0/no tags/" + DownloadScenario.fileName(versionId));
  }

  private static Map<String, Object> expectedStats(int queued, int waiting, int downloading) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("queued", queued);
    stats.put("waiting", waiting);
    stats.put("downloading", downloading);
    stats.put("paused", 0);
    stats.put("completed", 0);
    stats.put("failed", 0);
    stats.put("canceled", 0);
    return stats;
  }

  @Test
  void atMostTheLimitTransferWhileTheOthersWaitThenAllComplete() {
    List<Long> versions = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      versions.add(VERSIONS.incrementAndGet());
      ids.add(queued(versions.get(i)));
    }

    assertThat(drainer.drain()).isEqualTo(7);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> stats().equals(expectedStats(0, 2, 5)) && files.openBodies() == 5);
    Map<String, String> rows = queueStatuses();
    List<String> waiting =
        ids.stream().filter(id -> rows.get(id).equals("waiting")).collect(Collectors.toList());
    assertThat(waiting).hasSize(2);
    for (String id : ids) {
      String expected = waiting.contains(id) ? "waiting" : "progress";
      await().atMost(Duration.ofSeconds(10)).until(() -> progressStatus(id).equals(expected));
    }
    String oneWaiting = waiting.get(0);
    assertThat(given().get("/api/lm/download-progress/" + oneWaiting).then().extract().asString())
        .isEqualTo(
            "{\"success\":true,\"progress\":0,\"bytes_downloaded\":0,\"total_bytes\":null,"
                + "\"bytes_per_second\":0.0,\"status\":\"waiting\","
                + "\"message\":\"Waiting for a free download slot\"}");
    assertThat(files.ranges()).hasSize(5);

    files.openGate();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> history().getInt("total") == 7 && queueStatuses().isEmpty());
    assertThat(files.mostOpenBodies()).isEqualTo(5);
    assertThat(files.ranges()).hasSize(7).containsOnly("");
    for (int i = 0; i < 7; i++) {
      String id = ids.get(i);
      assertThat(historyStatus(id)).isEqualTo("completed");
      assertThat(LibraryFixture.read(target(versions.get(i)))).isEqualTo(content);
      assertThat(LibraryFixture.sidecarOf(target(versions.get(i)))).exists();
      WebSocketRecorder socket = socketOf(id);
      socket.awaitFrame(f -> "completed".equals(f.path("status").asText()));
      List<String> expected =
          waiting.contains(id)
              ? List.of(
                  "waiting 0",
                  "downloading 0",
                  "progress 0",
                  "transfer",
                  "progress 100",
                  "completed 100")
              : List.of("progress 0", "transfer", "progress 100", "completed 100");
      assertThat(steps(socket.frames())).as(id).isEqualTo(expected);
    }
    JsonNode waitingFrame =
        socketOf(oneWaiting).frames().stream()
            .filter(f -> "waiting".equals(f.path("status").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(waitingFrame.toString())
        .isEqualTo(
            "{\"status\":\"waiting\",\"progress\":0,\"download_id\":\""
                + oneWaiting
                + "\",\"message\":\"Waiting for a free download slot\"}");
    assertThat(LibraryRequests.listed("loras"))
        .containsExactlyInAnyOrderElementsOf(
            versions.stream().map(v -> LibraryFixture.slashes(target(v))).toList());
  }

  private void awaitRows(Map<String, String> expected) {
    await().atMost(Duration.ofSeconds(20)).until(() -> queueStatuses().equals(expected));
  }

  private static void control(String action, String id, String message) {
    given()
        .get("/api/lm/" + action + "-download?download_id=" + id)
        .then()
        .statusCode(200)
        .body("message", org.hamcrest.Matchers.equalTo(message));
  }

  private static void setLimit(int limit) {
    LibraryRequests.post("/api/lm/settings", Map.of("max_concurrent_downloads", limit))
        .then()
        .statusCode(200);
  }

  @Test
  void aLiveLimitChangeAppliesAndADownloadPausedWhileWaitingHoldsNoSlot() {
    setLimit(1);
    long a = VERSIONS.incrementAndGet();
    long b = VERSIONS.incrementAndGet();
    long c = VERSIONS.incrementAndGet();
    String first = queued(a);
    drainer.drain();
    awaitRows(Map.of(first, "downloading"));
    String second = queued(b);
    drainer.drain();
    String third = queued(c);
    drainer.drain();
    awaitRows(Map.of(first, "downloading", second, "waiting", third, "waiting"));
    await().atMost(Duration.ofSeconds(10)).until(() -> files.openBodies() == 1);

    // A transferring download paused keeps its slot: the waiting ones still wait.
    control("pause", first, "Download paused successfully");
    awaitRows(Map.of(first, "paused", second, "waiting", third, "waiting"));
    control("resume", first, "Download resumed successfully");
    awaitRows(Map.of(first, "downloading", second, "waiting", third, "waiting"));

    // Paused while waiting: it keeps its place but the next one takes the slot that opens.
    control("pause", second, "Download paused successfully");
    assertThat(progressStatus(second)).isEqualTo("paused");
    setLimit(2);
    awaitRows(Map.of(first, "downloading", second, "paused", third, "downloading"));
    await().atMost(Duration.ofSeconds(10)).until(() -> files.openBodies() == 2);
    assertThat(files.ranges()).hasSize(2);

    // Resumed without a free slot it waits again.
    control("resume", second, "Download resumed successfully");
    awaitRows(Map.of(first, "downloading", second, "waiting", third, "downloading"));
    assertThat(progressStatus(second)).isEqualTo("waiting");

    files.openGate();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> history().getInt("total") == 3 && queueStatuses().isEmpty());
    assertThat(files.mostOpenBodies()).isEqualTo(2);
    for (long version : List.of(a, b, c)) {
      assertThat(LibraryFixture.read(target(version))).isEqualTo(content);
      assertThat(historyStatus("slot-" + version)).isEqualTo("completed");
    }
    socketOf(second).awaitFrame(f -> "completed".equals(f.path("status").asText()));
    assertThat(steps(socketOf(first).frames()))
        .containsExactly(
            "progress 0",
            "transfer",
            "paused 3",
            "downloading 3",
            "transfer",
            "progress 100",
            "completed 100");
    assertThat(steps(socketOf(second).frames()))
        .containsExactly(
            "waiting 0",
            "paused 0",
            "waiting 0",
            "downloading 0",
            "progress 0",
            "transfer",
            "progress 100",
            "completed 100");
    List<JsonNode> secondFrames = socketOf(second).frames();
    assertThat(secondFrames.get(2).toString())
        .isEqualTo(
            "{\"status\":\"paused\",\"progress\":0,\"download_id\":\""
                + second
                + "\",\"message\":\"Download paused by user\",\"bytes_per_second\":0.0}");
    assertThat(secondFrames.get(3).toString())
        .isEqualTo(
            "{\"status\":\"waiting\",\"progress\":0,\"download_id\":\""
                + second
                + "\",\"message\":\"Download resumed by user\",\"bytes_per_second\":0.0}");
    assertThat(steps(socketOf(third).frames()))
        .containsExactly(
            "waiting 0",
            "downloading 0",
            "progress 0",
            "transfer",
            "progress 100",
            "completed 100");
  }
}
