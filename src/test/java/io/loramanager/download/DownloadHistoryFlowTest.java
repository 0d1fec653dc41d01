package io.loramanager.download;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.CivitaiFixtures.API;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.library.DownloadedVersions;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.UniqueIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A finished download is remembered in the downloaded-version history (anchor-downloads §3.2 step
 * 18), which the status endpoint, the skip rule and the Civitai version list then read.
 */
@QuarkusTest
class DownloadHistoryFlowTest {

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  @Inject Database database;
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
    stubs = new VersionDownloads(civitai, cdn, UniqueIds.next(10));
    content = new byte[40_000];
    new Random(stubs.versionId()).nextBytes(content);
    CivitaiFixtures.stubImages(cdn);
  }

  @AfterEach
  void restoreSettings() {
    settings.update(d -> d.remove("skip_previously_downloaded_model_versions"));
  }

  private List<Object> versionRow(long versionId) {
    return database.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT model_type, model_id, source, last_file_path, is_deleted_override"
                      + " FROM downloaded_model_versions WHERE version_id = ?")) {
            q.setLong(1, versionId);
            try (ResultSet r = q.executeQuery()) {
              List<Object> out = new ArrayList<>();
              while (r.next()) {
                for (int i = 1; i <= 5; i++) {
                  out.add(r.getObject(i));
                }
              }
              return out;
            }
          }
        });
  }

  @Test
  void aFinishedDownloadIsRememberedAfterItsFileIsGone() {
    stubs.stubVersion(stubs.version(content));
    stubs.stubFile(content);
    long v = stubs.versionId();

    stubs
        .download("hist-1", "model_root", library.loras().toString(), "relative_path", "ink")
        .then()
        .statusCode(200);
    Path file = library.loras().resolve("ink/ink_v2.safetensors");

    assertThat(versionRow(v))
        .containsExactly("lora", 110012, "download", LibraryFixture.slashes(file), 0);
    assertThat(downloaded.downloadedFileIds("lora", v)).containsExactly(99001L);
    given()
        .queryParam("modelType", "lora")
        .queryParam("modelVersionId", v)
        .get("/api/lm/model-version-download-status")
        .then()
        .statusCode(200)
        .body("hasBeenDownloaded", org.hamcrest.Matchers.equalTo(true));

    // The user deletes the file; the history still knows, and the skip rule holds it back.
    LibraryFixture.deleteTree(library.loras().resolve("ink"));
    TestLibrary.scan("loras");
    settings.update(d -> d.put("skip_previously_downloaded_model_versions", true));
    stubs
        .download("hist-2", "model_root", library.loras().toString(), "relative_path", "ink")
        .then()
        .statusCode(200)
        .body("reason", org.hamcrest.Matchers.equalTo("previously_downloaded_version"));
    assertThat(stubs.fileRequests()).isEqualTo(1);
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void aFailedDownloadIsNotRemembered() {
    stubs.stubVersion(stubs.version(content));
    stubs.stubFile(new byte[] {1, 2, 3});

    stubs
        .download("hist-fail", "model_root", library.loras().toString(), "relative_path", "ink")
        .then()
        .statusCode(500);

    assertThat(versionRow(stubs.versionId())).isEmpty();
    assertThat(downloaded.hasBeenDownloaded("lora", stubs.versionId())).isFalse();
  }

  @Test
  void theCivitaiVersionListSaysWhichVersionsWereDownloadedBefore() {
    long modelId = stubs.versionId() + 1;
    long held = stubs.versionId() + 2;
    long before = stubs.versionId() + 3;
    String model =
        CivitaiFixtures.model(LibraryFixture.sha256(content), cdn)
            .replace("110012", Long.toString(modelId))
            .replace("130072", Long.toString(held))
            .replace("120001", Long.toString(before));
    civitai.stubFor(get(urlPathEqualTo(API + "/models/" + modelId)).willReturn(okJson(model)));
    downloaded.markDownloaded(
        "lora",
        before,
        new DownloadedVersions.Mark(modelId, DownloadedVersions.Source.MANUAL, null, null, null));

    JsonNode versions =
        CivitaiFixtures.json(
            given()
                .get("/api/lm/loras/civitai/versions/" + modelId)
                .then()
                .statusCode(200)
                .extract()
                .asString());

    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("id").asLong()).isEqualTo(held);
    assertThat(versions.get(0).get("existsLocally").asBoolean()).isFalse();
    assertThat(versions.get(0).get("hasBeenDownloaded").asBoolean()).isFalse();
    assertThat(versions.get(1).get("id").asLong()).isEqualTo(before);
    assertThat(versions.get(1).get("existsLocally").asBoolean()).isFalse();
    assertThat(versions.get(1).get("hasBeenDownloaded").asBoolean()).isTrue();
    assertThat(LibraryRequests.listed("loras")).isEmpty();
  }
}
