package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.DownloadAssertions.assertCompleted;
import static io.loramanager.testsupport.DownloadAssertions.assertLastFrame;
import static io.loramanager.testsupport.DownloadAssertions.assertLeftNoModel;
import static io.loramanager.testsupport.DownloadAssertions.filesIn;
import static io.loramanager.testsupport.DownloadAssertions.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Downloads that fail or fall back, end to end: the answer, the frames in order, and what is left
 * on disk, in the catalogue and in the history.
 */
@QuarkusTest
class DownloadFailuresFlowTest {

  private static final AtomicLong VERSIONS = new AtomicLong(880_000);
  private static final String UNAUTHORISED =
      "Invalid or missing API key, or early access restriction.";

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
  }

  private Response download(String id) {
    return downloads.download(id, "model_root", library.loras().toString(), "relative_path", "ink");
  }

  private Path target() {
    return library.loras().resolve("ink/ink_v2.safetensors");
  }

  private void civitaiLinkAnswers(int status) {
    civitai.stubFor(
        get(urlPathEqualTo("/api/download/models/" + downloads.versionId()))
            .willReturn(aResponse().withStatus(status)));
  }

  private static String failedFrame(String id, int progress, String error) {
    return "{\"status\":\"failed\",\"progress\":"
        + progress
        + ",\"download_id\":\""
        + id
        + "\",\"error\":\""
        + error
        + "\"}";
  }

  @Test
  void anUnauthorisedDownloadFailsWithTheReferenceMessageAndLeavesNothing() {
    downloads.stubVersion(downloads.version(content));
    civitaiLinkAnswers(401);

    try (WebSocketRecorder socket = VersionDownloads.socket(base, "fail-401")) {
      download("fail-401")
          .then()
          .statusCode(500)
          .body("success", org.hamcrest.Matchers.equalTo(false))
          .body("error", org.hamcrest.Matchers.equalTo(UNAUTHORISED));
      socket.awaitFrame(f -> "failed".equals(f.path("status").asText()));

      assertThat(steps(socket.frames()))
          .containsExactly("progress 0", "progress 1", "progress 3", "failed 3");
      assertLastFrame(socket.frames(), failedFrame("fail-401", 3, UNAUTHORISED));
    }
    assertLeftNoModel("fail-401", "loras", target(), false, "failed", UNAUTHORISED);
    assertThat(filesIn(target().getParent())).isEmpty();
  }

  @Test
  void anEarlyAccessVersionRefusedWith403SaysUntilWhen() {
    ObjectNode version = downloads.version(content);
    version.put("earlyAccessEndsAt", "2030-01-02T00:00:00.000Z");
    downloads.stubVersion(version);
    civitaiLinkAnswers(403);
    String message =
        "This model requires payment (until 2030-01-02). Please ensure you have purchased"
            + " early access and are logged in to Civitai.";

    try (WebSocketRecorder socket = VersionDownloads.socket(base, "fail-403")) {
      download("fail-403")
          .then()
          .statusCode(500)
          .body("error", org.hamcrest.Matchers.equalTo(message));
      socket.awaitFrame(f -> "failed".equals(f.path("status").asText()));

      // 1 when the early access is seen (§3.2 step 11), then 0, then 1 and 3 around the preview.
      assertThat(steps(socket.frames()))
          .containsExactly("progress 1", "progress 0", "progress 1", "progress 3", "failed 3");
      assertLastFrame(socket.frames(), failedFrame("fail-403", 3, message));
    }
    assertLeftNoModel("fail-403", "loras", target(), false, "failed", message);
    assertThat(filesIn(target().getParent())).isEmpty();
  }

  @Test
  void aMissingFirstMirrorFallsBackToTheNext() {
    ObjectNode version = downloads.version(content);
    String cdnBase = CivitaiFixtures.cdnBase(cdn);
    VersionDownloads.primaryFile(version)
        .putArray("mirrors")
        .add(
            version
                .objectNode()
                .put("url", "http://localhost:" + civitai.port() + "/gone.bin")
                .putNull("deletedAt"))
        .add(version.objectNode().put("url", cdnBase + "/deleted.bin").put("deletedAt", "2024"))
        .add(version.objectNode().put("url", cdnBase + "/files/ink.bin").putNull("deletedAt"));
    downloads.stubVersion(version);
    civitai.stubFor(get("/gone.bin").willReturn(aResponse().withStatus(404)));
    cdn.stubFor(get("/files/ink.bin").willReturn(aResponse().withBody(content)));

    try (WebSocketRecorder socket = VersionDownloads.socket(base, "fail-mirror")) {
      download("fail-mirror").then().statusCode(200);
      socket.awaitFrame(f -> "completed".equals(f.path("status").asText()));

      assertThat(steps(socket.frames()))
          .containsExactly(
              "progress 0",
              "progress 1",
              "progress 3",
              "transfer",
              "progress 100",
              "completed 100");
      assertLastFrame(
          socket.frames(),
          "{\"status\":\"completed\",\"progress\":100,\"download_id\":\"fail-mirror\","
              + "\"file_path\":\""
              + LibraryFixture.slashes(target())
              + "\"}");
    }
    assertCompleted("fail-mirror", "loras", target(), content);
    assertThat(filesIn(target().getParent()))
        .containsExactly("ink_v2.metadata.json", "ink_v2.png", "ink_v2.safetensors");
    civitai.verify(1, getRequestedFor(urlPathEqualTo("/gone.bin")));
    cdn.verify(0, getRequestedFor(urlPathEqualTo("/deleted.bin")));
  }

  @Test
  void aFileWhoseHashDiffersFromCivitaisIsRemoved() {
    downloads.stubVersion(downloads.version(content));
    byte[] other = content.clone();
    other[10] ^= 1;
    downloads.stubFile(other);
    String message =
        "SHA-256 mismatch. Expected: "
            + LibraryFixture.sha256(content)
            + ", Got: "
            + LibraryFixture.sha256(other);

    try (WebSocketRecorder socket = VersionDownloads.socket(base, "fail-sha")) {
      download("fail-sha")
          .then()
          .statusCode(500)
          .body("error", org.hamcrest.Matchers.equalTo(message));
      socket.awaitFrame(f -> "failed".equals(f.path("status").asText()));

      // The failed frame keeps the progress of the last transfer frame, however far it got.
      List<JsonNode> frames = socket.frames();
      int reached = frames.get(frames.size() - 2).get("progress").asInt();
      assertThat(steps(frames))
          .containsExactly(
              "progress 0", "progress 1", "progress 3", "transfer", "failed " + reached);
      assertLastFrame(frames, failedFrame("fail-sha", reached, message));
    }
    assertLeftNoModel("fail-sha", "loras", target(), false, "failed", message);
    assertThat(filesIn(target().getParent())).isEmpty();
  }
}
