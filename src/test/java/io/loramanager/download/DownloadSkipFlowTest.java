package io.loramanager.download;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.library.DownloadedVersions;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.UniqueIds;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The skip rules of anchor-downloads §3.2 steps 6 and 7 end to end: a skipped download is a success
 * with the reference's reply, a {@code skipped} frame and history row, and no transfer.
 */
@QuarkusTest
class DownloadSkipFlowTest {

  private static final List<String> KEYS =
      List.of("skip_previously_downloaded_model_versions", "download_skip_base_models");

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @TestHTTPResource("/")
  URI base;

  @Inject SettingsStore settings;
  @Inject DownloadedVersions downloaded;

  private LibraryFixture library;
  private VersionDownloads stubs;
  private byte[] content;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    given().get("/api/lm/downloads/history/clear").then().statusCode(200);
    stubs = new VersionDownloads(civitai, cdn, UniqueIds.next(1));
    content = new byte[50_000];
    new Random(stubs.versionId()).nextBytes(content);
    CivitaiFixtures.stubImages(cdn);
    stubs.stubVersion(stubs.version(content));
    stubs.stubFile(content);
  }

  @AfterEach
  void restoreSettings() {
    settings.update(document -> KEYS.forEach(document::remove));
  }

  private void skipPreviouslyDownloaded() {
    settings.update(d -> d.put("skip_previously_downloaded_model_versions", true));
  }

  private void markDownloadedBefore() {
    downloaded.markDownloaded(
        "lora",
        stubs.versionId(),
        new DownloadedVersions.Mark(null, DownloadedVersions.Source.MANUAL, null, null, null));
  }

  private Path target() {
    return library.loras().resolve("ink/ink_v2.safetensors");
  }

  private void assertNothingTransferred() {
    // Neither the file nor a preview was fetched: the rules act before anything is transferred.
    assertThat(cdn.getAllServeEvents()).isEmpty();
    assertThat(
            civitai.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/download/")))
        .isEmpty();
    assertThat(library.loras().resolve("ink")).doesNotExist();
    assertThat(LibraryRequests.listed("loras")).isEmpty();
  }

  @Test
  void aVersionDownloadedBeforeIsSkippedWhenTheSettingIsOn() {
    skipPreviouslyDownloaded();
    markDownloadedBefore();
    long v = stubs.versionId();

    try (WebSocketRecorder socket = VersionDownloads.socket(base, "skip-prev")) {
      String reply =
          stubs
              .download(
                  "skip-prev", "model_root", library.loras().toString(), "relative_path", "ink")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(reply)
          .isEqualTo(
              "{\"success\":true,\"skipped\":true,\"status\":\"skipped\","
                  + "\"reason\":\"previously_downloaded_version\","
                  + "\"message\":\"Skipped download for 'ink_v2.safetensors' because version "
                  + v
                  + " was already downloaded before\",\"model_version_id\":"
                  + v
                  + ",\"file_name\":\"ink_v2.safetensors\",\"download_id\":\"skip-prev\"}");
      socket.awaitFrame(f -> "skipped".equals(f.path("status").asText()));
      assertThat(socket.frames().stream().map(JsonNode::toString))
          .containsExactly(
              "{\"type\":\"download_id\",\"download_id\":\"skip-prev\"}",
              "{\"status\":\"skipped\",\"progress\":0,\"download_id\":\"skip-prev\","
                  + "\"reason\":\"previously_downloaded_version\",\"message\":\"Skipped download"
                  + " for 'ink_v2.safetensors' because version "
                  + v
                  + " was already downloaded before\"}");
    }
    assertNothingTransferred();
    JsonPath history = VersionDownloads.history();
    assertThat(history.getInt("total")).isEqualTo(1);
    assertThat(history.getString("items[0].download_id")).isEqualTo("skip-prev");
    assertThat(history.getString("items[0].status")).isEqualTo("skipped");
    given()
        .get("/api/lm/download-progress/skip-prev")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("skipped"));
  }

  @Test
  void withTheSettingOffAVersionDownloadedBeforeIsDownloadedAgain() {
    markDownloadedBefore();

    stubs
        .download("skip-off", "model_root", library.loras().toString(), "relative_path", "ink")
        .then()
        .statusCode(200)
        .body("success", org.hamcrest.Matchers.equalTo(true));

    assertThat(LibraryFixture.read(target())).isEqualTo(content);
    assertThat(stubs.fileRequests()).isEqualTo(1);
  }

  @Test
  void anExplicitFileIsDownloadedEvenIfItsVersionWasDownloadedBefore() {
    skipPreviouslyDownloaded();
    markDownloadedBefore();

    stubs
        .download(
            "skip-explicit",
            "model_root",
            library.loras().toString(),
            "relative_path",
            "ink",
            "file_params",
            Map.of("id", 99001))
        .then()
        .statusCode(200)
        .body("success", org.hamcrest.Matchers.equalTo(true));

    assertThat(LibraryFixture.read(target())).isEqualTo(content);
    assertThat(VersionDownloads.history().getString("items[0].status")).isEqualTo("completed");
  }

  @Test
  void anExcludedBaseModelIsSkippedEvenForAnExplicitFile() {
    settings.update(d -> d.putArray("download_skip_base_models").add("Pony").add("SDXL 1.0"));

    try (WebSocketRecorder socket = VersionDownloads.socket(base, "skip-base")) {
      String reply =
          stubs
              .download(
                  "skip-base",
                  "model_root",
                  library.loras().toString(),
                  "relative_path",
                  "ink",
                  "file_params",
                  Map.of("id", 99001))
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(reply)
          .isEqualTo(
              "{\"success\":true,\"skipped\":true,\"status\":\"skipped\","
                  + "\"reason\":\"base_model_excluded\",\"message\":\"Skipped download for"
                  + " 'ink_v2.safetensors' because base model 'SDXL 1.0' is excluded in"
                  + " settings\",\"base_model\":\"SDXL 1.0\","
                  + "\"file_name\":\"ink_v2.safetensors\",\"download_id\":\"skip-base\"}");
      JsonNode frame = socket.awaitFrame(f -> "skipped".equals(f.path("status").asText()));
      assertThat(frame.get("reason").asText()).isEqualTo("base_model_excluded");
      assertThat(socket.frames()).hasSize(2);
    }
    assertNothingTransferred();
    assertThat(VersionDownloads.history().getString("items[0].status")).isEqualTo("skipped");
  }

  @Test
  void aBaseModelOutsideTheSupportedListIsNeverSkipped() {
    ObjectNode version = stubs.version(content);
    version.put("baseModel", "Other");
    stubs.stubVersion(version);
    settings.update(d -> d.putArray("download_skip_base_models").add("Other"));

    stubs
        .download("skip-other", "model_root", library.loras().toString(), "relative_path", "ink")
        .then()
        .statusCode(200)
        .body("skipped", org.hamcrest.Matchers.nullValue());

    assertThat(LibraryFixture.read(target())).isEqualTo(content);
  }

  @Test
  void theSkippedFileIsNamedByTheVersionWhenNoFileHasAName() {
    ObjectNode version = stubs.version(content);
    version.putArray("files");
    version.put("name", "v9 final");
    stubs.stubVersion(version);
    settings.update(d -> d.putArray("download_skip_base_models").add("SDXL 1.0"));

    stubs
        .download("skip-name", "model_root", library.loras().toString())
        .then()
        .statusCode(200)
        .body("file_name", org.hamcrest.Matchers.equalTo("v9 final"))
        .body(
            "message",
            org.hamcrest.Matchers.equalTo(
                "Skipped download for 'v9 final' because base model 'SDXL 1.0' is excluded in"
                    + " settings"));
    assertNothingTransferred();
  }

  @Test
  void theSkipSettingsAreCheckedWhenPostedAndTakeEffectAtOnce() {
    String badFlag =
        LibraryRequests.post(
                "/api/lm/settings", Map.of("skip_previously_downloaded_model_versions", "yes"))
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(badFlag)
        .isEqualTo(
            "{\"success\":false,\"error\":\"skip_previously_downloaded_model_versions must be"
                + " true or false\"}");
    String badList =
        LibraryRequests.post("/api/lm/settings", Map.of("download_skip_base_models", "SDXL 1.0"))
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(badList)
        .isEqualTo(
            "{\"success\":false,\"error\":\"download_skip_base_models must be a list of"
                + " strings\"}");
    assertThat(settings.snapshot().has("download_skip_base_models")).isFalse();

    LibraryRequests.post(
            "/api/lm/settings", Map.of("download_skip_base_models", List.of("SDXL 1.0")))
        .then()
        .statusCode(200);
    stubs
        .download("skip-posted", "model_root", library.loras().toString(), "relative_path", "ink")
        .then()
        .statusCode(200)
        .body("reason", org.hamcrest.Matchers.equalTo("base_model_excluded"));
    assertNothingTransferred();
  }
}
