package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.loramanager.testsupport.LibraryRequests.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.SettingsBackup;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GET and POST /api/lm/settings round-trip through the real settings.json. */
@QuarkusTest
class SettingsResourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SettingsBackup backup;

  @BeforeEach
  void backUp() {
    TestLibrary.awaitReady();
    backup = SettingsBackup.take();
  }

  @AfterEach
  void restore() {
    backup.restore();
  }

  private static Map<String, Object> settings() {
    return given()
        .get("/api/lm/settings")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("settings");
  }

  private ObjectNode expectedFile(Object... keysAndValues) {
    ObjectNode expected = backup.original();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      expected.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
    }
    return expected;
  }

  @Test
  void partialUpdatesAreWrittenToTheFileWithUnknownKeysKept() {
    assertThat(bodyOf(post("/api/lm/settings", "{\"theme\": \"dark\"}"), 200))
        .isEqualTo(map("success", true));
    post("/api/lm/settings", "{\"language\": \"zh\", \"show_only_sfw\": true}")
        .then()
        .statusCode(200);

    assertThat(SettingsBackup.read())
        .isEqualTo(expectedFile("theme", "dark", "language", "zh", "show_only_sfw", true));
    Map<String, Object> settings = settings();
    assertThat(settings).containsEntry("theme", "dark").containsEntry("language", "zh");
    assertThat(settings).containsEntry("show_only_sfw", true);
  }

  @Test
  void secretsAreStoredButNeverReturned() {
    post(
            "/api/lm/settings",
            "{\"civitai_api_key\": \"k-123456\", \"proxy_password\": \"pw-98765\","
                + " \"hf_token\": \"tok-555\"}")
        .then()
        .statusCode(200);

    String body = given().get("/api/lm/settings").then().statusCode(200).extract().asString();

    assertThat(body).doesNotContain("k-123456", "pw-98765", "tok-555");
    Map<String, Object> settings = settings();
    assertThat(settings)
        .containsEntry("civitai_api_key_set", true)
        .containsEntry("proxy_password_set", true)
        .containsEntry("hf_token_set", true)
        .containsEntry("llm_api_key_set", false)
        .doesNotContainKeys("civitai_api_key", "proxy_password", "hf_token", "llm_api_key");
    assertThat(SettingsBackup.read())
        .isEqualTo(
            expectedFile(
                "civitai_api_key",
                "k-123456",
                "proxy_password",
                "pw-98765",
                "hf_token",
                "tok-555"));
  }

  @Test
  void deleteMarkerRemovesAKeySoItsDefaultApplies() {
    post("/api/lm/settings", "{\"language\": \"zh\", \"proxy_username\": \"me\"}")
        .then()
        .statusCode(200);

    post("/api/lm/settings", "{\"language\": \"__DELETE__\", \"proxy_username\": \"__DELETE__\"}")
        .then()
        .statusCode(200);

    assertThat(SettingsBackup.read()).isEqualTo(backup.original());
    assertThat(settings()).containsEntry("language", "en").containsEntry("proxy_username", "");
  }

  @Test
  void readOnlyKeysOfTheResponseAreIgnored() {
    post(
            "/api/lm/settings",
            "{\"settings_file\": \"/elsewhere.json\", \"civitai_api_key_set\": true,"
                + " \"theme\": \"light\"}")
        .then()
        .statusCode(200);

    assertThat(SettingsBackup.read()).isEqualTo(expectedFile("theme", "light"));
    assertThat(settings())
        .containsEntry("settings_file", SettingsBackup.FILE.normalize().toString())
        .containsEntry("civitai_api_key_set", false);
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of(
            "{\"hash_chunk_size_mb\": 0}",
            "hash_chunk_size_mb must be a whole number from 1 to 256"),
        Arguments.of(
            "{\"language\": \"fr\", \"folder_paths\": {\"loras\": \"/models/loras\"}}",
            "folder_paths.loras must be a list of strings"),
        Arguments.of(
            "{\"extra_folder_paths\": {\"loras\": [\"models/loras\"]}}",
            "extra_folder_paths.loras[0] must be an absolute path"),
        Arguments.of("{\"show_only_sfw\": \"yes\"}", "show_only_sfw must be true or false"),
        Arguments.of("{\"civitai_api_key\": 12345}", "civitai_api_key must be a string"),
        Arguments.of(
            "{\"active_library\": \"other\"}",
            "active_library is changed with POST /api/lm/settings/libraries/activate"),
        Arguments.of("[1, 2]", "Request body must be a JSON object of settings"));
  }

  @ParameterizedTest
  @MethodSource("invalidBodies")
  void invalidValuesAreRejectedWithTheKeyNamedAndNothingWritten(String body, String message)
      throws Exception {
    byte[] before =
        Files.exists(SettingsBackup.FILE) ? Files.readAllBytes(SettingsBackup.FILE) : null;

    assertError(post("/api/lm/settings", body), 400, message);

    byte[] after =
        Files.exists(SettingsBackup.FILE) ? Files.readAllBytes(SettingsBackup.FILE) : null;
    assertThat(after).isEqualTo(before);
    assertThat(settings()).containsEntry("language", "en");
  }

  @Test
  void malformedJsonIsABadRequest() {
    assertThat(
            given()
                .contentType(ContentType.JSON)
                .body("{\"language\": ")
                .post("/api/lm/settings")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getString("error"))
        .startsWith("Invalid JSON body: ");
  }

  @Test
  void corruptSettingsFileIsRefusedAndLeftUntouched() throws Exception {
    post("/api/lm/settings", "{\"theme\": \"dark\"}").then().statusCode(200);
    byte[] good = Files.readAllBytes(SettingsBackup.FILE);
    Files.writeString(SettingsBackup.FILE, "{\"theme\": \"dark\",");
    try {
      String error =
          post("/api/lm/settings", "{\"language\": \"fr\"}")
              .then()
              .statusCode(409)
              .extract()
              .jsonPath()
              .getString("error");

      assertThat(error)
          .startsWith("Settings file " + SettingsBackup.FILE.normalize() + " cannot be read (")
          .endsWith("); fix or remove it. Nothing was saved.");
      assertThat(Files.readString(SettingsBackup.FILE)).isEqualTo("{\"theme\": \"dark\",");
      assertThat(settings()).containsEntry("language", "en").containsEntry("theme", "dark");
    } finally {
      Files.write(SettingsBackup.FILE, good);
    }
  }

  @Test
  void writesLeaveNoTemporaryFile() throws Exception {
    post("/api/lm/settings", "{\"theme\": \"dark\"}").then().statusCode(200);

    try (Stream<java.nio.file.Path> files = Files.list(SettingsBackup.FILE.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains("settings.json")
          .noneMatch(name -> name.startsWith("settings.json") && !name.equals("settings.json"));
    }
  }
}
