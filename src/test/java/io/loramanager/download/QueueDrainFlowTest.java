package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server drains its own queue: rows added through {@code downloads/queue/add} download into the
 * type's default root, and a row interrupted mid-download resumes from its {@code .part}. Tests run
 * with {@code lm.download.queue-poll=0} and call the drain (the path start-up and the timer take).
 */
@QuarkusTest
class QueueDrainFlowTest {

  private static final AtomicLong VERSIONS = new AtomicLong(800_000);

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @Inject QueueDrainer drainer;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private long versionId;
  private byte[] content;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    given().get("/api/lm/downloads/history/clear").then().statusCode(200);
    given().get("/api/lm/downloads/queue/clear").then().statusCode(200);
    versionId = VERSIONS.incrementAndGet();
    content = new byte[200_000];
    new Random(versionId).nextBytes(content);
    String sha256 = LibraryFixture.sha256(content);
    String version =
        CivitaiFixtures.version(sha256, cdn)
            .replace("130072", Long.toString(versionId))
            .replace(
                "https://civitai.com/api/download/models/" + versionId,
                CivitaiFixtures.cdnBase(cdn) + "/files/queued.bin");
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + versionId)).willReturn(okJson(version)));
    CivitaiFixtures.stubImages(cdn);
  }

  private void queue(String id) {
    given()
        .queryParam("download_id", id)
        .queryParam("model_id", CivitaiFixtures.MODEL_ID)
        .queryParam("model_version_id", versionId)
        .get("/api/lm/downloads/queue/add")
        .then()
        .statusCode(200)
        .body("item.download_id", org.hamcrest.Matchers.equalTo(id));
  }

  private JsonPath history() {
    return given().get("/api/lm/downloads/history").then().statusCode(200).extract().jsonPath();
  }

  private Path target() {
    // Queued rows use the default paths: {base_model}/{first_tag}; the version has no tags.
    return library.loras().resolve("SDXL 1.0/no tags/ink_v2.safetensors");
  }

  @Test
  void aQueuedRowIsDownloadedWithoutAClient() {
    cdn.stubFor(get("/files/queued.bin").willReturn(aResponse().withBody(content)));
    queue("q-1");

    assertThat(drainer.drain()).isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "completed".equals(history().getString("items[0].status")));
    JsonPath history = history();
    assertThat(history.getString("items[0].download_id")).isEqualTo("q-1");
    assertThat(history.getString("items[0].file_path")).isEqualTo(LibraryFixture.slashes(target()));
    assertThat(LibraryFixture.read(target())).isEqualTo(content);
    assertThat(LibraryRequests.listed("loras")).containsExactly(LibraryFixture.slashes(target()));
    given().get("/api/lm/downloads/queue").then().body("queue", org.hamcrest.Matchers.empty());
    assertThat(drainer.drain()).isZero();
  }

  @Test
  void aRowInterruptedMidDownloadResumesFromItsPartFile() {
    int half = content.length / 2;
    LibraryFixture.write(
        target().resolveSibling("ink_v2.safetensors.part"), Arrays.copyOf(content, half));
    DownloadScenario.stubRangeFrom(cdn, "/files/queued.bin", content, half);
    queue("q-crashed");
    given()
        .get("/api/lm/downloads/queue/status?download_id=q-crashed&status=downloading")
        .then()
        .statusCode(200);

    assertThat(drainer.drain()).isEqualTo(1);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "completed".equals(history().getString("items[0].status")));
    assertThat(LibraryFixture.read(target())).isEqualTo(content);
    assertThat(target().resolveSibling("ink_v2.safetensors.part")).doesNotExist();
    cdn.verify(
        1,
        getRequestedFor(urlPathEqualTo("/files/queued.bin"))
            .withHeader("Range", equalTo("bytes=" + half + "-")));
    assertThat(history().getLong("items[0].bytes_downloaded")).isEqualTo(content.length);
  }

  @Test
  void aRowMovedToTheTopStartsFirstWhenOneDownloadRunsAtATime() {
    SettingsBackup settings = SettingsBackup.take();
    byte[] small = Arrays.copyOf(content, 20_000);
    try (FaultyFileServer files = FaultyFileServer.serving(small).then(Step.holdAfter(1000))) {
      LibraryRequests.post("/api/lm/settings", Map.of("max_concurrent_downloads", 1))
          .then()
          .statusCode(200);
      List<String> ids = new ArrayList<>();
      Map<String, WebSocketRecorder> sockets = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        long version = VERSIONS.incrementAndGet();
        String id = "q-order-" + i;
        DownloadScenario.stubVersion(civitai, version, small, files.url("/f/" + version));
        sockets.put(id, VersionDownloads.socket(base, id));
        DownloadScenario.queue(id, version);
        ids.add(id);
      }
      given()
          .get("/api/lm/downloads/queue/move-to-top?download_id=q-order-2")
          .then()
          .statusCode(200);

      assertThat(drainer.drain()).isEqualTo(3);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  DownloadScenario.queueStatuses()
                      .equals(
                          Map.of(
                              "q-order-2", "downloading",
                              "q-order-0", "waiting",
                              "q-order-1", "waiting")));
      files.openGate();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> DownloadScenario.history().getInt("total") == 3);
      // Newest first: one at a time, in the order top row, then the others as queued.
      assertThat(DownloadScenario.history().getList("items.download_id"))
          .containsExactly("q-order-1", "q-order-0", "q-order-2");
      assertThat(DownloadScenario.history().getList("items.status"))
          .containsExactly("completed", "completed", "completed");
      assertThat(files.mostOpenBodies()).isEqualTo(1);
      List<String> waited =
          List.of(
              "waiting 0",
              "downloading 0",
              "progress 0",
              "transfer",
              "progress 100",
              "completed 100");
      for (String id : ids) {
        WebSocketRecorder socket = sockets.get(id);
        socket.awaitFrame(f -> "completed".equals(f.path("status").asText()));
        assertThat(io.loramanager.testsupport.DownloadAssertions.steps(socket.frames()))
            .as(id)
            .isEqualTo(
                id.equals("q-order-2")
                    ? List.of("progress 0", "transfer", "progress 100", "completed 100")
                    : waited);
        socket.close();
      }
    } finally {
      settings.restore();
    }
  }

  @Test
  void aPausedRowWaits() {
    cdn.stubFor(get("/files/queued.bin").willReturn(aResponse().withBody(content)));
    queue("q-paused");
    given()
        .get("/api/lm/downloads/queue/status?download_id=q-paused&status=paused")
        .then()
        .statusCode(200);

    assertThat(drainer.drain()).isZero();

    assertThat(cdn.findAll(getRequestedFor(urlPathEqualTo("/files/queued.bin")))).isEmpty();
    given()
        .get("/api/lm/downloads/queue")
        .then()
        .body("queue[0].download_id", org.hamcrest.Matchers.equalTo("q-paused"))
        .body("queue[0].status", org.hamcrest.Matchers.equalTo("paused"));
  }

  @Test
  void resumingARowPausedByAnEarlierRunQueuesItAgain() {
    cdn.stubFor(get("/files/queued.bin").willReturn(aResponse().withBody(content)));
    queue("q-later");
    given()
        .get("/api/lm/downloads/queue/status?download_id=q-later&status=paused")
        .then()
        .statusCode(200);

    given()
        .get("/api/lm/resume-download?download_id=q-later")
        .then()
        .statusCode(200)
        .body("message", org.hamcrest.Matchers.equalTo("Download resumed successfully"));
    given()
        .get("/api/lm/downloads/queue")
        .then()
        .body("queue[0].status", org.hamcrest.Matchers.equalTo("queued"));
    given()
        .get("/api/lm/download-progress/q-later")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("queued"))
        .body("message", org.hamcrest.Matchers.equalTo("Download resumed by user"));
    // Not paused any more: a second resume has nothing to do.
    given()
        .get("/api/lm/resume-download?download_id=q-later")
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.equalTo("Download task not found"));

    assertThat(drainer.drain()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "completed".equals(history().getString("items[0].status")));
    assertThat(LibraryFixture.read(target())).isEqualTo(content);
  }
}
