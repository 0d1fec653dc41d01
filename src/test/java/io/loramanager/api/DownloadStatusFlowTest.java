package io.loramanager.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.DownloadedVersions;
import io.loramanager.testsupport.LibraryRequests;
import io.loramanager.testsupport.UniqueIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code model-version-download-status} (GET, POST) and {@code set-model-version-download-status}
 * (anchor-api §3.8 rows 3–5) over HTTP, against the real history table.
 */
@QuarkusTest
class DownloadStatusFlowTest {

  @Inject DownloadedVersions history;

  private long version;

  @BeforeEach
  void ids() {
    version = UniqueIds.next(10);
  }

  private static Response status(String type, Object versionId) {
    return given()
        .queryParam("modelType", type)
        .queryParam("modelVersionId", versionId)
        .get("/api/lm/model-version-download-status");
  }

  private static String body(Response response) {
    return response.then().extract().asString();
  }

  @Test
  void statusSaysWhetherTheVersionWasDownloaded() {
    assertThat(body(status("lora", version).then().statusCode(200).extract().response()))
        .isEqualTo(
            "{\"success\":true,\"modelType\":\"lora\",\"modelVersionId\":"
                + version
                + ",\"hasBeenDownloaded\":false}");

    history.markDownloaded(
        "lora",
        version,
        new DownloadedVersions.Mark(null, DownloadedVersions.Source.DOWNLOAD, null, null, null));

    assertThat(body(status("LoCon", version).then().statusCode(200).extract().response()))
        .isEqualTo(
            "{\"success\":true,\"modelType\":\"lora\",\"modelVersionId\":"
                + version
                + ",\"hasBeenDownloaded\":true}");
  }

  @Test
  void postMarksAVersionDownloadedAndNotDownloaded() {
    Response marked =
        LibraryRequests.post(
            "/api/lm/model-version-download-status",
            Map.of(
                "modelType",
                "checkpoint",
                "modelVersionId",
                String.valueOf(version),
                "downloaded",
                true,
                "modelId",
                version - 1,
                "filePath",
                "/models/checkpoints/x.safetensors"));
    assertThat(body(marked.then().statusCode(200).extract().response()))
        .isEqualTo(
            "{\"success\":true,\"modelType\":\"checkpoint\",\"modelVersionId\":"
                + version
                + ",\"hasBeenDownloaded\":true}");
    assertThat(history.hasBeenDownloaded("checkpoint", version)).isTrue();
    assertThat(history.downloadedVersionIds("checkpoint", version - 1)).containsExactly(version);

    LibraryRequests.post(
            "/api/lm/model-version-download-status",
            Map.of("modelType", "checkpoint", "modelVersionId", version, "downloaded", "0"))
        .then()
        .statusCode(200);
    assertThat(history.hasBeenDownloaded("checkpoint", version)).isFalse();
    assertThat(history.downloadedVersionIds("checkpoint", version - 1)).isEmpty();
  }

  @Test
  void theGetSetterTakesTheSameParametersAsQueryText() {
    String reply =
        given()
            .queryParam("modelType", "TextualInversion")
            .queryParam("modelVersionId", version)
            .queryParam("downloaded", "TRUE")
            .queryParam("modelId", "12")
            .get("/api/lm/set-model-version-download-status")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(reply)
        .isEqualTo(
            "{\"success\":true,\"modelType\":\"embedding\",\"modelVersionId\":"
                + version
                + ",\"hasBeenDownloaded\":true}");
    assertThat(history.downloadedVersionIds("embedding", 12)).contains(version);

    given()
        .queryParam("modelType", "embedding")
        .queryParam("modelVersionId", version)
        .queryParam("downloaded", "false")
        .get("/api/lm/set-model-version-download-status")
        .then()
        .statusCode(200);
    assertThat(history.hasBeenDownloaded("embedding", version)).isFalse();
  }

  static Stream<Arguments> badStatusQueries() {
    return Stream.of(
        Arguments.of(null, "5", "Parameter modelType is required"),
        Arguments.of("vae", "5", "Parameter modelType is required"),
        Arguments.of("lora", null, "Missing required parameter: modelVersionId"),
        Arguments.of("lora", "", "Missing required parameter: modelVersionId"),
        Arguments.of("lora", "v5", "Parameter modelVersionId must be an integer"));
  }

  @ParameterizedTest
  @MethodSource("badStatusQueries")
  void badStatusQueriesAreRefusedWithTheReferenceMessages(
      String type, String versionId, String error) {
    var request = given();
    if (type != null) {
      request.queryParam("modelType", type);
    }
    if (versionId != null) {
      request.queryParam("modelVersionId", versionId);
    }
    String reply =
        request
            .get("/api/lm/model-version-download-status")
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(reply).isEqualTo("{\"success\":false,\"error\":\"" + error + "\"}");
  }

  static Stream<Arguments> badMarks() {
    return Stream.of(
        Arguments.of(
            "{\"modelVersionId\":5,\"downloaded\":true}", "Parameter modelType is required"),
        Arguments.of(
            "{\"modelType\":\"lora\",\"downloaded\":true}",
            "Parameter modelVersionId must be an integer"),
        Arguments.of(
            "{\"modelType\":\"lora\",\"modelVersionId\":\"five\",\"downloaded\":true}",
            "Parameter modelVersionId must be an integer"),
        Arguments.of(
            "{\"modelType\":\"lora\",\"modelVersionId\":5}",
            "Parameter downloaded must be a boolean"),
        Arguments.of(
            "{\"modelType\":\"lora\",\"modelVersionId\":5,\"downloaded\":\"yes\"}",
            "Parameter downloaded must be a boolean"),
        Arguments.of(
            "{\"modelType\":\"lora\",\"modelVersionId\":5,\"downloaded\":1}",
            "Parameter downloaded must be a boolean"),
        Arguments.of("[1,2]", "Parameter modelType is required"));
  }

  @ParameterizedTest
  @MethodSource("badMarks")
  void badMarksAreRefusedAndChangeNothing(String json, String error) {
    String reply =
        given()
            .contentType("application/json")
            .body(json)
            .post("/api/lm/model-version-download-status")
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(reply).isEqualTo("{\"success\":false,\"error\":\"" + error + "\"}");
    assertThat(history.hasBeenDownloaded("lora", 5)).isFalse();
  }

  @Test
  void theGetSetterRefusesAMissingFlag() {
    String reply =
        given()
            .queryParam("modelType", "lora")
            .queryParam("modelVersionId", version)
            .get("/api/lm/set-model-version-download-status")
            .then()
            .statusCode(400)
            .extract()
            .asString();
    assertThat(reply)
        .isEqualTo("{\"success\":false,\"error\":\"Parameter downloaded must be a boolean\"}");
    assertThat(history.hasBeenDownloaded("lora", version)).isFalse();
  }
}
