package io.loramanager.download;

import static io.loramanager.download.DownloadScenario.history;
import static io.loramanager.testsupport.DownloadAssertions.steps;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.FaultyFileServer;
import io.loramanager.testsupport.FaultyFileServer.Step;
import io.loramanager.testsupport.ImmutableFiles;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network and disk faults through the whole download (manager, flow, engine): the answer, the
 * frames in order, and what is left on disk, in the sidecar, the catalogue and the history. The
 * file host's faults are exact to the byte ({@link FaultyFileServer}); tests run with a stall
 * timeout of 1 s and 2 retries.
 */
@QuarkusTest
class DownloadFaultsFlowTest {

  private static final AtomicLong VERSIONS = new AtomicLong(960_000);
  private static final int CUT = 100_000;

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private long versionId;
  private String id;
  private byte[] content;
  private FaultyFileServer files;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    given().get("/api/lm/downloads/history/clear").then().statusCode(200);
    given().get("/api/lm/downloads/queue/clear").then().statusCode(200);
    versionId = VERSIONS.incrementAndGet();
    id = "fault-" + versionId;
    content = new byte[400_000];
    new Random(versionId).nextBytes(content);
    files = FaultyFileServer.serving(content);
    DownloadScenario.stubVersion(civitai, versionId, content, files.url("/f/" + versionId));
  }

  @AfterEach
  void close() {
    files.close();
  }

  private Path folder() {
    return library.loras().resolve("faults");
  }

  private Path target() {
    return folder().resolve(DownloadScenario.fileName(versionId));
  }

  private Path part() {
    return folder().resolve(DownloadScenario.fileName(versionId) + ".part");
  }

  private WebSocketRecorder socket() {
    WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/download-progress?id=" + id);
    socket.awaitFrame(f -> f.has("type"));
    return socket;
  }

  private Response download(boolean wait) {
    return LibraryRequests.post(
        "/api/lm/download-model" + (wait ? "" : "?wait=false"),
        Map.of(
            "model_version_id",
            versionId,
            "model_root",
            library.loras().toString(),
            "relative_path",
            "faults",
            "download_id",
            id));
  }

  /** Downloads, expecting the failure {@code error}; returns the frames it sent. */
  private List<JsonNode> failsWith(String error) {
    try (WebSocketRecorder socket = socket()) {
      String answer = download(true).then().statusCode(500).extract().asString();
      assertThat(answer)
          .isEqualTo(
              "{\"success\":false,\"error\":\"" + error + "\",\"download_id\":\"" + id + "\"}");
      JsonNode failed = socket.awaitFrame(f -> "failed".equals(f.path("status").asText()));
      assertThat(failed.get("error").asText()).isEqualTo(error);
      return socket.frames();
    }
  }

  /** Nothing catalogued, no sidecar, no final file; the history says failed with the error. */
  private void nothingButHistory(String error) {
    assertThat(target()).doesNotExist();
    assertThat(LibraryFixture.sidecarOf(target())).doesNotExist();
    assertThat(LibraryRequests.listed("loras")).isEmpty();
    JsonPath history = history();
    assertThat(history.getInt("total")).isEqualTo(1);
    assertThat(history.getString("items[0].download_id")).isEqualTo(id);
    assertThat(history.getString("items[0].status")).isEqualTo("failed");
    assertThat(history.getString("items[0].error")).isEqualTo(error);
    assertThat(history.getLong("items[0].model_version_id")).isEqualTo(versionId);
  }

  @Test
  void aStallThatNeverEndsIsRetriedThenFailsAsTimedOutAndKeepsThePart() throws IOException {
    files.then(Step.stallAfter(CUT), Step.stallAfter(0), Step.stallAfter(0));
    String error = "Network error after 3 attempts: timed out: no data received for 1.0 seconds";

    List<JsonNode> frames = failsWith(error);

    assertThat(steps(frames)).containsExactly("progress 0", "transfer", "failed 27");
    assertThat(frames.get(frames.size() - 1).toString())
        .isEqualTo(
            "{\"status\":\"failed\",\"progress\":27,\"download_id\":\""
                + id
                + "\",\"error\":\""
                + error
                + "\"}");
    assertThat(files.ranges()).containsExactly("", "bytes=" + CUT + "-", "bytes=" + CUT + "-");
    assertThat(Files.readAllBytes(part())).isEqualTo(Arrays.copyOf(content, CUT));
    nothingButHistory(error);
  }

  @Test
  void aFullDiskFailsAtOnceWithTheOsReason() throws IOException {
    Path devFull = Path.of("/dev/full");
    assumeTrue(Files.isWritable(devFull), "/dev/full is not available");
    Files.createDirectories(folder());
    Files.createSymbolicLink(part(), devFull);
    String error = "Cannot write " + part() + ": No space left on device";

    List<JsonNode> frames = failsWith(error);

    // The first disk write fails once the first block is full; blocks are written in the
    // background, so the reads may go on to the end of this small body before the failure shows.
    // Either way it ends the first attempt: one request, no retry.
    List<String> steps = steps(frames);
    assertThat(steps.get(0)).isEqualTo("progress 0");
    assertThat(steps.subList(1, steps.size() - 1)).containsOnly("transfer");
    assertThat(steps.get(steps.size() - 1)).matches("failed [0-9]{1,3}");
    assertThat(files.ranges()).containsExactly("");
    assertThat(Files.isSymbolicLink(part())).isTrue();
    nothingButHistory(error);
  }

  @Test
  void aFolderThatCannotBeWrittenFailsEvenForRoot() throws Exception {
    Files.createDirectories(folder());
    assumeTrue(ImmutableFiles.set(folder(), true), "chattr +i is not available");
    String error = "Cannot write " + part() + ": Operation not permitted";
    try {
      List<JsonNode> frames = failsWith(error);
      assertThat(steps(frames)).containsExactly("progress 0", "failed 0");
    } finally {
      ImmutableFiles.set(folder(), false);
    }
    assertThat(folder()).isEmptyDirectory();
    nothingButHistory(error);
  }

  @Test
  void aConnectionDroppedWhilePausedResumesByRangeFromTheBytesOnDisk() {
    files.then(Step.holdThenCut(CUT));
    try (WebSocketRecorder socket = socket()) {
      download(false).then().statusCode(200);
      JsonNode atCut = socket.awaitFrame(f -> f.path("bytes_downloaded").asLong() == CUT);
      DownloadModelFlowTest.assertEtaFollowsTheSpeed(atCut);
      assertThat(given().get("/api/lm/download-progress/" + id).jsonPath().getLong("eta_seconds"))
          .isEqualTo(atCut.get("eta_seconds").asLong());
      given().get("/api/lm/pause-download?download_id=" + id).then().statusCode(200);
      JsonNode paused = socket.awaitFrame(f -> "paused".equals(f.path("status").asText()));
      assertThat(paused.toString())
          .isEqualTo(
              "{\"status\":\"paused\",\"progress\":27,\"download_id\":\""
                  + id
                  + "\",\"message\":\"Download paused by user\",\"bytes_downloaded\":"
                  + CUT
                  + ",\"total_bytes\":"
                  + content.length
                  + ",\"bytes_per_second\":0.0}");

      files.openGate(); // the host drops the connection while nobody reads
      await().atMost(Duration.ofSeconds(10)).until(() -> files.openBodies() == 0);
      given().get("/api/lm/resume-download?download_id=" + id).then().statusCode(200);

      socket.awaitFrame(f -> "completed".equals(f.path("status").asText()));
      assertThat(steps(socket.frames()))
          .containsExactly(
              "progress 0",
              "transfer",
              "paused 27",
              "downloading 27",
              "transfer",
              "progress 100",
              "completed 100");
    }
    assertThat(files.ranges()).containsExactly("", "bytes=" + CUT + "-");
    assertThat(LibraryFixture.read(target())).isEqualTo(content);
    assertThat(part()).doesNotExist();
    assertThat(LibraryFixture.readJson(LibraryFixture.sidecarOf(target())).get("sha256").asText())
        .isEqualTo(LibraryFixture.sha256(content));
    assertThat(LibraryRequests.listed("loras")).containsExactly(LibraryFixture.slashes(target()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "completed".equals(history().getString("items[0].status")));
    assertThat(history().getLong("items[0].bytes_downloaded")).isEqualTo(content.length);
  }
}
