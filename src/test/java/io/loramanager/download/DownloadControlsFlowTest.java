package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.DownloadAssertions.assertCompleted;
import static io.loramanager.testsupport.DownloadAssertions.assertLastFrame;
import static io.loramanager.testsupport.DownloadAssertions.assertLeftNoModel;
import static io.loramanager.testsupport.DownloadAssertions.filesIn;
import static io.loramanager.testsupport.DownloadAssertions.steps;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancel, skip, pause and resume of a running download (the CDN trickles the body over 3 s): the
 * replies, the frames in order, and the files, catalogue and history each leaves.
 */
@QuarkusTest
class DownloadControlsFlowTest {

  private static final AtomicLong VERSIONS = new AtomicLong(890_000);

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private VersionDownloads downloads;
  private byte[] content;

  @BeforeEach
  void reset() {
    downloads = VersionDownloads.freshStart(civitai, cdn, VERSIONS.incrementAndGet());
    library = downloads.library();
    content = downloads.content(300_000);
    CivitaiFixtures.stubImages(cdn);
    downloads.stubVersion(downloads.version(content));
    downloads.stubSlowFile(content);
  }

  /** A test that failed midway must not leave a paused download holding a slot for the next. */
  @AfterEach
  void cancelLeftovers() {
    for (String id : new String[] {"ctl-cancel", "ctl-skip", "ctl-pause"}) {
      given().get("/api/lm/cancel-download-get?download_id=" + id).then().statusCode(200);
    }
  }

  private Path target() {
    return library.loras().resolve("ink/ink_v2.safetensors");
  }

  /** Starts the download and waits until bytes arrive. */
  private WebSocketRecorder transferring(String id) {
    WebSocketRecorder socket = VersionDownloads.socket(base, id);
    downloads
        .downloadLater(id, "model_root", library.loras().toString(), "relative_path", "ink")
        .then()
        .statusCode(200)
        .body("download_id", org.hamcrest.Matchers.equalTo(id));
    socket.awaitFrame(f -> f.path("bytes_downloaded").asLong() > 0);
    return socket;
  }

  private static void control(String action, String id, String message) {
    given()
        .get("/api/lm/" + action + "?download_id=" + id)
        .then()
        .statusCode(200)
        .body("success", org.hamcrest.Matchers.equalTo(true))
        .body("message", org.hamcrest.Matchers.equalTo(message));
  }

  @Test
  void cancelStopsTheTransferAndRemovesItsFiles() {
    try (WebSocketRecorder socket = transferring("ctl-cancel")) {
      control("cancel-download-get", "ctl-cancel", "Download cancelled successfully");
      socket.awaitFrame(f -> "cancelled".equals(f.path("status").asText()));

      assertLeftNoModel("ctl-cancel", "loras", target(), false, "canceled", null);
      assertThat(steps(socket.frames()))
          .containsExactly("progress 0", "progress 1", "progress 3", "transfer", "cancelled 0");
      assertLastFrame(
          socket.frames(),
          "{\"status\":\"cancelled\",\"progress\":0,\"download_id\":\"ctl-cancel\","
              + "\"message\":\"Download cancelled by user\"}");
    }
    assertThat(filesIn(target().getParent())).isEmpty();
    given()
        .get("/api/lm/cancel-download-get?download_id=ctl-cancel")
        .then()
        .statusCode(200)
        .body("error", org.hamcrest.Matchers.equalTo("Download task not found"));
  }

  @Test
  void skipStopsTheTransferAndKeepsThePartialFile() {
    try (WebSocketRecorder socket = transferring("ctl-skip")) {
      control("skip-download", "ctl-skip", "Download skipped successfully");
      socket.awaitFrame(f -> "skipped".equals(f.path("status").asText()));

      assertLeftNoModel("ctl-skip", "loras", target(), true, "canceled", null);
      assertThat(steps(socket.frames()))
          .containsExactly("progress 0", "progress 1", "progress 3", "transfer", "skipped 0");
      assertLastFrame(
          socket.frames(),
          "{\"status\":\"skipped\",\"progress\":0,\"download_id\":\"ctl-skip\","
              + "\"message\":\"Download skipped by user (partial files preserved)\"}");
    }
    assertThat(filesIn(target().getParent())).containsExactly("ink_v2.safetensors.part");
  }

  @Test
  void pauseAndResumeContinueTheSameTransfer() {
    try (WebSocketRecorder socket = transferring("ctl-pause")) {
      control("pause-download", "ctl-pause", "Download paused successfully");
      JsonNode paused = socket.awaitFrame(f -> "paused".equals(f.path("status").asText()));
      assertThat(paused.get("message").asText()).isEqualTo("Download paused by user");
      assertThat(paused.get("bytes_per_second").asDouble()).isZero();
      given()
          .get("/api/lm/pause-download?download_id=ctl-pause")
          .then()
          .statusCode(400)
          .body("error", org.hamcrest.Matchers.equalTo("Download is already paused"));
      // Once the engine stops reading it reports the exact count on disk, still as paused.
      await().atMost(Duration.ofSeconds(10)).until(this::pausedAtTheBytesOnDisk);

      control("resume-download", "ctl-pause", "Download resumed successfully");
      JsonNode resumed = socket.awaitFrame(f -> "downloading".equals(f.path("status").asText()));
      assertThat(resumed.get("message").asText()).isEqualTo("Download resumed by user");
      given()
          .get("/api/lm/resume-download?download_id=ctl-pause")
          .then()
          .statusCode(400)
          .body("error", org.hamcrest.Matchers.equalTo("Download is not paused"));
      socket.awaitFrame(f -> "completed".equals(f.path("status").asText()));

      assertThat(steps(socket.frames()))
          .containsExactly(
              "progress 0",
              "progress 1",
              "progress 3",
              "transfer",
              "paused " + paused.get("progress").asInt(),
              "downloading " + resumed.get("progress").asInt(),
              "transfer",
              "progress 100",
              "completed 100");
    }
    assertCompleted("ctl-pause", "loras", target(), content);
    cdn.verify(1, getRequestedFor(urlPathEqualTo("/files/" + downloads.versionId() + ".bin")));
  }

  private boolean pausedAtTheBytesOnDisk() {
    JsonPath progress = given().get("/api/lm/download-progress/ctl-pause").jsonPath();
    Path part = target().resolveSibling("ink_v2.safetensors.part");
    return "paused".equals(progress.getString("status"))
        && progress.getLong("bytes_downloaded") == LibraryFixture.read(part).length;
  }
}
