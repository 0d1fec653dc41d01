package io.loramanager.api;

import static io.loramanager.testsupport.LibraryRequests.post;
import static io.restassured.RestAssured.given;

import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.SettingsBackup;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Approved shapes of the settings responses (settings file path scrubbed). */
@QuarkusTest
class SettingsSnapshotTest {

  private LibraryFixture library;
  private SettingsBackup backup;

  @BeforeEach
  void backUp() {
    library = TestLibrary.fresh();
    backup = SettingsBackup.take();
  }

  @AfterEach
  void restore() {
    backup.restore();
  }

  private String get(String path) {
    return given()
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .replace(SettingsBackup.FILE.normalize().toString(), "<SETTINGS_FILE>");
  }

  @Test
  void settings() {
    post(
            "/api/lm/settings",
            "{\"civitai_api_key\": \"test-key\", \"language\": \"en\", \"theme\": \"dark\","
                + " \"proxy_password\": \"secret\", \"hash_chunk_size_mb\": 8,"
                + " \"extra_folder_paths\": {\"loras\": []}}")
        .then()
        .statusCode(200);

    JsonSnapshots.verify(get("/api/lm/settings"), library);
  }

  @Test
  void libraries() {
    post(
            "/api/lm/settings",
            "{\"libraries\": {\"main\": {\"folder_paths\": {\"loras\": [\""
                + library.loras()
                + "\"], \"checkpoints\": [\""
                + library.checkpoints()
                + "\"]}, \"metadata\": {\"display_name\": \"Main\"}},"
                + " \"empty\": {\"folder_paths\": {}}}}")
        .then()
        .statusCode(200);
    post("/api/lm/settings/libraries/activate", "{\"library\": \"main\"}").then().statusCode(200);

    JsonSnapshots.verify(get("/api/lm/settings/libraries"), library);
  }
}
