package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.LibraryRequests.listed;
import static io.loramanager.testsupport.LibraryRequests.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.SettingsBackup;
import io.loramanager.testsupport.TestLibrary;
import io.loramanager.testsupport.WebSocketRecorder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named sets of roots: list them, switch between them, the catalogue follows. */
@QuarkusTest
class SettingsLibrariesFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URI base;

  private LibraryFixture library;
  private SettingsBackup backup;
  private Path mainRoot;
  private Path otherRoot;
  private Path mainLora;
  private Path otherLora;

  @BeforeEach
  void library() {
    library = TestLibrary.fresh();
    backup = SettingsBackup.take();
    mainRoot = library.root("main/loras");
    otherRoot = library.root("other/loras");
    mainLora = library.modelWithSidecar(mainRoot, "main.safetensors", s -> {});
    otherLora = library.modelWithSidecar(otherRoot, "other.safetensors", s -> {});
  }

  @AfterEach
  void restore() {
    backup.restore();
  }

  private static JsonNode json(io.restassured.response.Response response, int status) {
    try {
      return JSON.readTree(response.then().statusCode(status).extract().asString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers two libraries and makes "main" active. */
  private void registerMainAndOther() {
    post(
            "/api/lm/settings",
            "{\"libraries\": {"
                + "\"main\": {\"folder_paths\": {\"loras\": [\""
                + mainRoot
                + "\"]}, \"metadata\": {\"display_name\": \"Main\"}},"
                + "\"other\": {\"folder_paths\": {\"loras\": [\""
                + otherRoot
                + "\"]}}}}")
        .then()
        .statusCode(200);
    post("/api/lm/settings/libraries/activate", "{\"library\": \"main\"}").then().statusCode(200);
  }

  @Test
  void settingsWithoutLibrariesHaveOneMadeOfTheTopLevelRoots() {
    JsonNode body = json(given().get("/api/lm/settings/libraries"), 200);

    assertThat(body.toString())
        .isEqualTo(
            "{\"success\":true,\"libraries\":{\"default\":{\"folder_paths\":{}}},"
                + "\"active_library\":\"default\"}");
  }

  @Test
  void activatingALibrarySwitchesTheRootsAndTheCatalogueFollows() {
    registerMainAndOther();
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(mainLora));

    try (WebSocketRecorder bus = WebSocketRecorder.connect(base, "/ws/fetch-progress")) {
      JsonNode body =
          json(post("/api/lm/settings/libraries/activate", "{\"library_name\": \"other\"}"), 200);

      assertThat(body.path("success").asBoolean()).isTrue();
      assertThat(body.path("active_library").asText()).isEqualTo("other");
      assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(otherLora));
      bus.awaitFrame(f -> "models_changed".equals(f.path("type").asText()));
    }
    ObjectNode file = SettingsBackup.read();
    assertThat(file.path("active_library").asText()).isEqualTo("other");
    assertThat(file.path("folder_paths").toString())
        .isEqualTo("{\"loras\":[\"" + otherRoot + "\"]}");
    // The library left keeps its roots and its other keys.
    assertThat(file.path("libraries").path("main").toString())
        .isEqualTo(
            "{\"folder_paths\":{\"loras\":[\""
                + mainRoot
                + "\"]},\"metadata\":{\"display_name\":\"Main\"}}");
  }

  @Test
  void rootsPostedForTheActiveLibraryAreKeptInItsEntry() {
    registerMainAndOther();
    Path extra = library.root("main/more-loras");

    post(
            "/api/lm/settings",
            "{\"folder_paths\": {\"loras\": [\"" + mainRoot + "\", \"" + extra + "\"]}}")
        .then()
        .statusCode(200);
    post("/api/lm/settings/libraries/activate", "{\"library\": \"other\"}").then().statusCode(200);
    post("/api/lm/settings/libraries/activate", "{\"library\": \"main\"}").then().statusCode(200);

    assertThat(SettingsBackup.read().path("folder_paths").toString())
        .isEqualTo("{\"loras\":[\"" + mainRoot + "\",\"" + extra + "\"]}");
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(mainLora));
  }

  @Test
  void activatingTheActiveLibraryChangesNothing() {
    registerMainAndOther();
    ObjectNode before = SettingsBackup.read();

    JsonNode body =
        json(post("/api/lm/settings/libraries/activate", "{\"library\": \"main\"}"), 200);

    assertThat(body.path("active_library").asText()).isEqualTo("main");
    assertThat(SettingsBackup.read()).isEqualTo(before);
  }

  @Test
  void missingUnknownAndMistypedNamesAreRejected() {
    registerMainAndOther();
    ObjectNode before = SettingsBackup.read();

    assertError(post("/api/lm/settings/libraries/activate", "{}"), 400, "Library name is required");
    assertError(
        post("/api/lm/settings/libraries/activate", "{\"library\": \"  \"}"),
        400,
        "Library name is required");
    assertError(
        post("/api/lm/settings/libraries/activate", "{\"library\": 5}"),
        400,
        "library must be a string");
    assertError(
        post("/api/lm/settings/libraries/activate", "[\"main\"]"),
        400,
        "Request body must be a JSON object");
    assertError(
        post("/api/lm/settings/libraries/activate", "{\"library\": \"nope\"}"),
        404,
        "Unknown library: nope");

    assertThat(SettingsBackup.read()).isEqualTo(before);
    assertThat(listed("loras")).containsExactly(LibraryFixture.slashes(mainLora));
  }
}
