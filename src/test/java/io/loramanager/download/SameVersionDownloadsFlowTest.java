package io.loramanager.download;

import static io.loramanager.download.DownloadScenario.historyStatus;
import static io.loramanager.testsupport.DownloadAssertions.steps;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.FaultyFileServer;
import io.loramanager.testsupport.FaultyFileServer.Step;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests for one version at once: the same file of it is downloaded once and both requesters see
 * its frames; two different files of it download side by side. The file hosts hold each body after
 * its first bytes until the test opens their gates, so the requests overlap for certain.
 */
@QuarkusTest
class SameVersionDownloadsFlowTest {

  private static final AtomicLong VERSIONS = new AtomicLong(860_000);
  private static final int HELD_BYTES = 1000;

  @CivitaiStub WireMockServer civitai;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private long versionId;
  private byte[] first;
  private byte[] second;
  private FaultyFileServer firstHost;
  private FaultyFileServer secondHost;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    library = TestLibrary.fresh();
    given().get("/api/lm/downloads/history/clear").then().statusCode(200);
    given().get("/api/lm/downloads/queue/clear").then().statusCode(200);
    versionId = VERSIONS.incrementAndGet();
    first = bytes(versionId);
    second = bytes(-versionId);
    firstHost = FaultyFileServer.serving(first).then(Step.holdAfter(HELD_BYTES));
    secondHost = FaultyFileServer.serving(second).then(Step.holdAfter(HELD_BYTES));
  }

  @AfterEach
  void close() {
    firstHost.close();
    secondHost.close();
  }

  private static byte[] bytes(long seed) {
    byte[] content = new byte[200_000];
    new Random(seed).nextBytes(content);
    return content;
  }

  /**
   * The version with two weights files: 1 ({@code a.safetensors}) and 2 ({@code b.safetensors}).
   */
  private void stubTwoFiles() {
    ObjectNode version = DownloadScenario.version(civitai, versionId, first, firstHost.url("/a"));
    ObjectNode a = (ObjectNode) version.get("files").get(0);
    a.put("id", 1).put("name", "a.safetensors");
    ObjectNode b = a.deepCopy().put("id", 2).put("name", "b.safetensors").put("primary", false);
    b.put("downloadUrl", secondHost.url("/b").toString());
    ((ObjectNode) b.get("hashes"))
        .put("SHA256", LibraryFixture.sha256(second).toUpperCase(Locale.ROOT));
    version.withArray("files").add(b);
    DownloadScenario.stub(civitai, versionId, version);
  }

  private String downloadLater(String id, Integer fileId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model_version_id", versionId);
    body.put("model_root", library.loras().toString());
    body.put("download_id", id);
    if (fileId != null) {
      body.put("file_params", Map.of("id", fileId));
    }
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/lm/download-model?wait=false")
        .then()
        .statusCode(200)
        .extract()
        .path("download_id");
  }

  @Test
  void twoDifferentFilesOfOneVersionBothDownload() {
    stubTwoFiles();

    assertThat(downloadLater("two-a", 1)).isEqualTo("two-a");
    await().atMost(Duration.ofSeconds(10)).until(() -> firstHost.openBodies() == 1);
    assertThat(downloadLater("two-b", 2)).isEqualTo("two-b");
    await().atMost(Duration.ofSeconds(10)).until(() -> secondHost.openBodies() == 1);
    firstHost.openGate();
    secondHost.openGate();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "completed".equals(historyStatus("two-a"))
                    && "completed".equals(historyStatus("two-b")));
    assertThat(LibraryFixture.read(library.loras().resolve("a.safetensors"))).isEqualTo(first);
    assertThat(LibraryFixture.read(library.loras().resolve("b.safetensors"))).isEqualTo(second);
    assertThat(firstHost.ranges()).containsExactly("");
    assertThat(secondHost.ranges()).containsExactly("");
  }

  @Test
  void theSameFileRequestedTwiceAtOnceDownloadsOnceAndBothRequestersSeeItsFrames() {
    DownloadScenario.stubVersion(civitai, versionId, first, firstHost.url("/a"));
    try (WebSocketRecorder one = VersionDownloads.socket(base, "same-1");
        WebSocketRecorder two = VersionDownloads.socket(base, "same-2")) {
      assertThat(downloadLater("same-1", null)).isEqualTo("same-1");
      one.awaitFrame(f -> f.path("bytes_downloaded").asLong() > 0);
      assertThat(downloadLater("same-2", null)).isEqualTo("same-1");
      firstHost.openGate();

      JsonNode firstDone = one.awaitFrame(f -> "completed".equals(f.path("status").asText()));
      JsonNode secondDone = two.awaitFrame(f -> "completed".equals(f.path("status").asText()));

      String file = LibraryFixture.slashes(library.loras().resolve(fileName()));
      assertThat(steps(one.frames()))
          .containsExactly("progress 0", "transfer", "progress 100", "completed 100");
      // The joiner gets where the download stood when it joined, then every frame after it.
      assertThat(steps(two.frames())).containsExactly("transfer", "progress 100", "completed 100");
      assertThat(firstDone.toString())
          .isEqualTo(
              "{\"status\":\"completed\",\"progress\":100,\"download_id\":\"same-1\","
                  + "\"file_path\":\""
                  + file
                  + "\"}");
      assertThat(secondDone.toString())
          .isEqualTo(
              "{\"status\":\"completed\",\"progress\":100,\"download_id\":\"same-2\","
                  + "\"file_path\":\""
                  + file
                  + "\"}");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> "completed".equals(historyStatus("same-1")));
    assertThat(historyStatus("same-2")).isNull();
    assertThat(firstHost.ranges()).containsExactly("");
    assertThat(LibraryFixture.read(library.loras().resolve(fileName()))).isEqualTo(first);
  }

  private String fileName() {
    return DownloadScenario.fileName(versionId);
  }
}
