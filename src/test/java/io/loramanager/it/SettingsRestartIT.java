package io.loramanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PackagedApp;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings changed through the API stick, seen from outside: the packaged application writes {@code
 * settings.json} in its data folder, and a restart reads it back — the new root is scanned at
 * start, the secret is still set and still not shown, the unknown key is still there.
 */
class SettingsRestartIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private LibraryFixture library;
  private Path data;
  private PackagedApp app;

  @BeforeEach
  void folders() throws IOException {
    library = new LibraryFixture(dir.resolve("models")).reset();
    data = Files.createDirectories(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  @Test
  void settingsChangedThroughTheApiSurviveARestart() throws IOException {
    library.modelWithSidecar(library.loras(), "Default.safetensors", s -> {});
    Path extra = library.root("extra");
    library.modelWithSidecar(extra, "Extra.safetensors", s -> {});
    app = PackagedApp.start(library.dir(), data, dir.resolve("app.log"));
    assertThat(fileNames()).containsExactly("Default");

    app.http()
        .contentType(ContentType.JSON)
        .body(
            "{\"extra_folder_paths\": {\"loras\": [\""
                + extra
                + "\"]}, \"civitai_api_key\": \"key-4242\", \"theme\": \"dark\"}")
        .post("/api/lm/settings")
        .then()
        .statusCode(200);
    assertThat(fileNames()).containsExactly("Default", "Extra");
    app.close();

    ObjectNode file = (ObjectNode) JSON.readTree(data.resolve("settings.json").toFile());
    assertThat(file.toString())
        .isEqualTo(
            "{\"extra_folder_paths\":{\"loras\":[\""
                + extra
                + "\"]},\"civitai_api_key\":\"key-4242\",\"theme\":\"dark\"}");
    app = PackagedApp.start(library.dir(), data, dir.resolve("app.log"));

    assertThat(fileNames()).containsExactly("Default", "Extra");
    String body = app.http().get("/api/lm/settings").then().statusCode(200).extract().asString();
    Map<String, Object> settings = JSON.readValue(body, Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> values = (Map<String, Object>) settings.get("settings");
    assertThat(values)
        .containsEntry("theme", "dark")
        .containsEntry("civitai_api_key_set", true)
        .doesNotContainKey("civitai_api_key");
    assertThat(body).doesNotContain("key-4242");
    assertThat(app.logText()).doesNotContain("key-4242");
  }

  private List<String> fileNames() {
    return app.http()
        .get("/api/lm/loras/list")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.file_name");
  }
}
