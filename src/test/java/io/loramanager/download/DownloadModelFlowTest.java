package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code download-model} end to end: Civitai and CDN on WireMock, real files, SQLite, sockets. */
@QuarkusTest
class DownloadModelFlowTest {

  // Version ids differ per test: the Civitai client caches versions by id.
  private static final AtomicLong VERSIONS = new AtomicLong(700_000);

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private long versionId;
  private byte[] content;
  private String sha256;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    given().get("/api/lm/downloads/history/clear").then().statusCode(200);
    given().get("/api/lm/downloads/queue/clear").then().statusCode(200);
    versionId = VERSIONS.incrementAndGet();
    content = new byte[300_000];
    new Random(versionId).nextBytes(content);
    sha256 = LibraryFixture.sha256(content);
    CivitaiFixtures.stubImages(cdn);
  }

  /** The fixture version under this test's id, downloading from the Civitai stub. */
  private ObjectNode version() {
    String text =
        CivitaiFixtures.version(sha256, cdn)
            .replace("130072", Long.toString(versionId))
            .replace("https://civitai.com/api/download", civitaiBase() + "/api/download");
    return (ObjectNode) CivitaiFixtures.json(text);
  }

  private String civitaiBase() {
    return "http://localhost:" + civitai.port();
  }

  private String cdnBase() {
    return CivitaiFixtures.cdnBase(cdn);
  }

  private void stubVersion(ObjectNode version) {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + versionId))
            .willReturn(okJson(version.toString())));
  }

  /** Civitai's download link redirects to the CDN, which serves the file. */
  private void stubFileBehindRedirect() {
    civitai.stubFor(
        get(urlPathEqualTo("/api/download/models/" + versionId))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", cdnBase() + "/files/ink.bin")));
    cdn.stubFor(get("/files/ink.bin").willReturn(aResponse().withBody(content)));
  }

  private Response download(String id) {
    return LibraryRequests.post(
        "/api/lm/download-model",
        Map.of(
            "model_version_id",
            versionId,
            "model_root",
            library.loras().toString(),
            "relative_path",
            "ink",
            "download_id",
            id));
  }

  private WebSocketRecorder socket(String id) {
    WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/download-progress?id=" + id);
    socket.awaitFrame(f -> "download_id".equals(f.path("type").asText()));
    return socket;
  }

  private JsonPath history() {
    return given().get("/api/lm/downloads/history").then().statusCode(200).extract().jsonPath();
  }

  private Path target() {
    return library.loras().resolve("ink/ink_v2.safetensors");
  }

  @Test
  void downloadsVerifiesWritesTheSidecarAndCataloguesTheModel() {
    stubVersion(version());
    stubFileBehindRedirect();

    try (WebSocketRecorder socket = socket("dl-full")) {
      download("dl-full")
          .then()
          .statusCode(200)
          .body("success", org.hamcrest.Matchers.equalTo(true))
          .body("download_id", org.hamcrest.Matchers.equalTo("dl-full"));

      JsonNode last = socket.awaitFrame(f -> "completed".equals(f.path("status").asText()));
      List<JsonNode> frames = socket.frames();
      assertThat(frames.get(0).toString())
          .isEqualTo("{\"type\":\"download_id\",\"download_id\":\"dl-full\"}");
      assertThat(frames.subList(1, 4).stream().map(JsonNode::toString))
          .containsExactly(
              "{\"status\":\"progress\",\"progress\":0,\"download_id\":\"dl-full\"}",
              "{\"status\":\"progress\",\"progress\":1,\"download_id\":\"dl-full\"}",
              "{\"status\":\"progress\",\"progress\":3,\"download_id\":\"dl-full\"}");
      List<JsonNode> transfer = frames.subList(4, frames.size() - 2);
      assertThat(transfer).isNotEmpty();
      assertThat(transfer).allMatch(f -> f.has("bytes_downloaded") && f.has("bytes_per_second"));
      assertThat(transfer).allSatisfy(DownloadModelFlowTest::assertEtaFollowsTheSpeed);
      assertThat(transfer.get(transfer.size() - 1).get("bytes_downloaded").asLong())
          .isEqualTo(content.length);
      assertThat(transfer.get(transfer.size() - 1).get("total_bytes").asLong())
          .isEqualTo(content.length);
      assertThat(frames.get(frames.size() - 2).toString())
          .isEqualTo("{\"status\":\"progress\",\"progress\":100,\"download_id\":\"dl-full\"}");
      assertThat(last.toString())
          .isEqualTo(
              "{\"status\":\"completed\",\"progress\":100,\"download_id\":\"dl-full\","
                  + "\"file_path\":\""
                  + LibraryFixture.slashes(target())
                  + "\"}");
    }

    assertThat(LibraryFixture.read(target())).isEqualTo(content);
    assertThat(target().resolveSibling("ink_v2.safetensors.part")).doesNotExist();
    Path preview = target().resolveSibling("ink_v2.png");
    assertThat(LibraryFixture.read(preview)).isEqualTo(LibraryFixture.PNG);
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(target()));
    assertThat(sidecar.get("file_name").asText()).isEqualTo("ink_v2");
    assertThat(sidecar.get("model_name").asText()).isEqualTo("Ink Drawing");
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(target()));
    assertThat(sidecar.get("sha256").asText()).isEqualTo(sha256);
    assertThat(sidecar.get("size").asLong()).isEqualTo(content.length);
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(LibraryFixture.slashes(preview));
    assertThat(sidecar.get("preview_nsfw_level").asInt()).isEqualTo(1);
    assertThat(sidecar.get("from_civitai").asBoolean()).isTrue();
    assertThat(sidecar.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(sidecar.get("usage_tips").asText()).isEqualTo("{}");
    assertThat(sidecar.get("civitai").get("id").asLong()).isEqualTo(versionId);
    assertThat(sidecar.get("autov3").asText())
        .isEqualTo(CivitaiFixtures.autov3(sha256).toLowerCase(java.util.Locale.ROOT));

    assertThat(LibraryRequests.listed("loras")).containsExactly(LibraryFixture.slashes(target()));
    JsonPath history = history();
    assertThat(history.getInt("total")).isEqualTo(1);
    assertThat(history.getString("items[0].download_id")).isEqualTo("dl-full");
    assertThat(history.getString("items[0].status")).isEqualTo("completed");
    assertThat(history.getString("items[0].file_path")).isEqualTo(LibraryFixture.slashes(target()));
    assertThat(history.getLong("items[0].bytes_downloaded")).isEqualTo(content.length);
    assertThat(history.getLong("items[0].model_version_id")).isEqualTo(versionId);

    // The API key went to Civitai, never to the CDN the download link redirected to.
    civitai.verify(
        getRequestedFor(urlPathEqualTo("/api/download/models/" + versionId))
            .withHeader(
                "Authorization",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                    "Bearer test-secret-key-4f7a")));
    cdn.verify(
        getRequestedFor(urlPathEqualTo("/files/ink.bin")).withHeader("Authorization", absent()));

    // The progress stays for polling.
    given()
        .get("/api/lm/download-progress/dl-full")
        .then()
        .statusCode(200)
        .body("progress", org.hamcrest.Matchers.equalTo(100))
        .body("status", org.hamcrest.Matchers.equalTo("completed"));
  }

  @Test
  void aVersionAlreadyInTheLibraryIsNotDownloadedAgain() {
    stubVersion(version());
    stubFileBehindRedirect();
    download("dl-first").then().statusCode(200);

    download("dl-again")
        .then()
        .statusCode(500)
        .body("success", org.hamcrest.Matchers.equalTo(false))
        .body(
            "error", org.hamcrest.Matchers.equalTo("Model version already exists in lora library"));
    cdn.verify(1, getRequestedFor(urlPathEqualTo("/files/ink.bin")));
    assertThat(history().getString("items[0].status")).isEqualTo("failed");
  }

  @Test
  void aTargetOutsideTheRootsIsRefused() {
    stubVersion(version());
    LibraryRequests.post(
            "/api/lm/download-model",
            Map.of(
                "model_version_id",
                versionId,
                "model_root",
                library.loras().toString(),
                "relative_path",
                "../../escape"))
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.equalTo("Download path is outside allowed directory"));
    assertThat(cdn.getAllServeEvents()).isEmpty();
  }

  @Test
  void requestsWithoutOrWithBadIdsAreRefused() {
    LibraryRequests.post("/api/lm/download-model", Map.of("model_root", "x"))
        .then()
        .statusCode(400)
        .body(
            "error",
            org.hamcrest.Matchers.equalTo(
                "Missing required parameter: Please provide either 'model_id' or"
                    + " 'model_version_id'"));
    LibraryRequests.post("/api/lm/download-model", Map.of("model_id", "abc"))
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.equalTo("Invalid model_id: Must be an integer"));
    given()
        .get("/api/lm/download-model-get")
        .then()
        .statusCode(400)
        .body(
            org.hamcrest.Matchers.equalTo("Missing required parameter: Please provide 'model_id'"));
    given()
        .get("/api/lm/download-progress/nope")
        .then()
        .statusCode(404)
        .body("error", org.hamcrest.Matchers.equalTo("Download ID not found"));
    given()
        .get("/api/lm/pause-download?download_id=nope")
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.equalTo("Download task not found"));
    given()
        .get("/api/lm/cancel-download-get")
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.equalTo("Download ID is required"));
  }

  /** The ETA is the bytes left at the frame's speed, and absent while the speed is unknown. */
  static void assertEtaFollowsTheSpeed(JsonNode frame) {
    double speed = frame.path("bytes_per_second").asDouble();
    if (speed > 0 && frame.path("total_bytes").isNumber()) {
      long left = frame.get("total_bytes").asLong() - frame.get("bytes_downloaded").asLong();
      assertThat(frame.path("eta_seconds").asLong(-1)).isEqualTo((long) Math.ceil(left / speed));
    } else {
      assertThat(frame.has("eta_seconds")).as(frame.toString()).isFalse();
    }
  }

  @Test
  void severalSocketsWatchOneDownloadAndClosingOneKeepsTheOthers() {
    stubVersion(version());
    stubFileBehindRedirect();
    WebSocketRecorder early = socket("dl-many");
    try (WebSocketRecorder kept = socket("dl-many");
        WebSocketRecorder other = socket("dl-other")) {
      early.close();

      given()
          .queryParam("model_id", CivitaiFixtures.MODEL_ID)
          .queryParam("model_version_id", versionId)
          .queryParam("download_id", "dl-many")
          .queryParam("use_default_paths", "true")
          .get("/api/lm/download-model-get")
          .then()
          .statusCode(200)
          .body("download_id", org.hamcrest.Matchers.equalTo("dl-many"));

      kept.awaitFrame(f -> "completed".equals(f.path("status").asText()));
      assertThat(other.frames()).hasSize(1);
    }
    assertThat(early.frames()).hasSize(1);
    // download-model-get has no root: the type's default root (the first lora root here) and
    // the path template's folder.
    assertThat(LibraryFixture.read(library.loras().resolve("SDXL 1.0/no tags/ink_v2.safetensors")))
        .isEqualTo(content);
  }

  @Test
  void aSocketWithoutAnIdIsGivenOne() {
    try (WebSocketRecorder socket = WebSocketRecorder.connect(base, "/ws/download-progress")) {
      JsonNode greeting = socket.awaitFrame(f -> f.has("type"));
      assertThat(greeting.get("type").asText()).isEqualTo("download_id");
      assertThat(greeting.get("download_id").asText()).matches("[0-9a-f-]{36}");
    }
  }

  @Test
  void anExplicitFileAlreadyInTheLibraryIsNamed() {
    stubVersion(version());
    stubFileBehindRedirect();
    download("dl-file-1").then().statusCode(200);

    LibraryRequests.post(
            "/api/lm/download-model",
            Map.of(
                "model_version_id",
                versionId,
                "model_root",
                library.loras().toString(),
                "file_params",
                Map.of("id", 99001)))
        .then()
        .statusCode(500)
        .body(
            "error",
            org.hamcrest.Matchers.equalTo(
                "File 'ink_v2.safetensors' from model version "
                    + versionId
                    + " already exists in lora library"));
    cdn.verify(1, getRequestedFor(urlPathEqualTo("/files/ink.bin")));
  }

  @Test
  void anUnsupportedModelTypeIsRefused() {
    ObjectNode version = version();
    ((ObjectNode) version.get("model")).put("type", "Workflows");
    stubVersion(version);

    download("dl-type")
        .then()
        .statusCode(500)
        .body(
            "error",
            org.hamcrest.Matchers.equalTo(
                "Model type \"Workflows\" is not supported for download"));
    assertThat(cdn.getAllServeEvents()).isEmpty();
  }

  @Test
  void aVersionCivitaiDoesNotKnowIsRefused() {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + versionId))
            .willReturn(aResponse().withStatus(404)));

    download("dl-unknown")
        .then()
        .statusCode(500)
        .body(
            "error",
            org.hamcrest.Matchers.equalTo(
                "Failed to fetch model metadata: Model not found on Civitai: model version "
                    + versionId));
    assertThat(history().getString("items[0].status")).isEqualTo("failed");
  }

  @Test
  void aFolderThatCannotBeCreatedFailsTheDownloadWithTheReason() {
    stubVersion(version());
    stubFileBehindRedirect();
    LibraryFixture.write(library.loras().resolve("ink"), new byte[] {1});

    try (WebSocketRecorder socket = socket("dl-disk")) {
      download("dl-disk")
          .then()
          .statusCode(500)
          .body("error", org.hamcrest.Matchers.startsWith("Cannot create folder "))
          .body("error", org.hamcrest.Matchers.endsWith("exists and is not a folder"));
      JsonNode failed = socket.awaitFrame(f -> "failed".equals(f.path("status").asText()));
      assertThat(failed.get("error").asText()).startsWith("Cannot create folder ");
    }
    assertThat(LibraryFixture.read(library.loras().resolve("ink"))).containsExactly(1);
    assertThat(LibraryRequests.listed("loras")).isEmpty();
    assertThat(history().getString("items[0].status")).isEqualTo("failed");
  }
}
