package io.loramanager.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.settings.SettingsStore;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.SettingsChanges;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shape of the auto-organize response (anchor-library §4.5) and of its progress snapshot,
 * pinned as approved snapshots; the library path is scrubbed to {@code <LIBRARY>}.
 */
@QuarkusTest
class AutoOrganizeSnapshotTest {

  @Inject SettingsStore settingsStore;

  @AfterEach
  void settings() {
    SettingsChanges.remove(settingsStore);
  }

  private LibraryFixture library;

  @Test
  void autoOrganizeResponse() {
    JsonSnapshots.verify(organize(), library);
  }

  @Test
  void progressAfterARun() {
    organize();

    String progress =
        given()
            .get("/api/lm/loras/auto-organize-progress")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonSnapshots.verify(progress, library);
  }

  private String organize() {
    ObjectNode settings = SettingsChanges.empty();
    settings.putObject("download_path_templates").put("lora", "{base_model}/{first_tag}");
    SettingsChanges.write(settingsStore, settings);
    library = TestLibrary.fresh();
    AutoOrganizeFlowTest.lora(library, "inbox/ink.safetensors", "SD 1.5", "anime");
    AutoOrganizeFlowTest.lora(library, "SDXL/no tags/placed.safetensors", "SDXL");
    AutoOrganizeFlowTest.lora(library, "SD 1.5/style/oil.safetensors", "SD 1.5", "style");
    AutoOrganizeFlowTest.lora(library, "inbox/sub/oil.safetensors", "SD 1.5", "style");
    TestLibrary.scan("loras");

    return given()
        .get("/api/lm/loras/auto-organize")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .asString();
  }
}
