package io.loramanager.civitai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.loramanager.testsupport.ApiAssertions.assertError;
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
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** relink-civitai, the version list with local copies marked, version and hash lookups. */
@QuarkusTest
class CivitaiLookupFlowTest {

  private static final String OLD_VERSION =
      "{\"id\": 120001, \"modelId\": 110012, \"name\": \"v1.0\", \"baseModel\": \"SD 1.5\","
          + " \"trainedWords\": [\"ink style\"], \"files\": [{\"id\": 88001, \"name\":"
          + " \"ink_v1.safetensors\", \"type\": \"Model\", \"primary\": true, \"sizeKB\": 73000.0,"
          + " \"hashes\": {\"SHA256\": \"CD34\"}}], \"images\": []}";

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  private LibraryFixture library;
  private Path model;
  private String sha256;

  @BeforeEach
  void mysteryLora() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    model = library.modelWithSidecar(library.loras(), "mystery.safetensors", s -> s.put("k", "v"));
    sha256 = LibraryFixture.sha256(LibraryFixture.read(model));
    TestLibrary.scan("loras");
    CivitaiFixtures.stubFound(civitai, cdn, sha256);
    civitai.stubFor(
        get(urlPathEqualTo(API + "/model-versions/" + CivitaiFixtures.OLD_VERSION_ID))
            .willReturn(okJson(OLD_VERSION)));
  }

  private io.restassured.response.Response relink(Map<String, Object> body) {
    return LibraryRequests.post("/api/lm/loras/relink-civitai", body);
  }

  private Map<String, Object> relinkBody(Object modelId, Object versionId) {
    Map<String, Object> body = new HashMap<>();
    body.put("file_path", LibraryFixture.slashes(model));
    body.put("model_id", modelId);
    if (versionId != null) {
      body.put("model_version_id", versionId);
    }
    return body;
  }

  @Test
  void relinkPointsTheModelAtTheChosenVersion() {
    JsonPath body =
        relink(relinkBody(CivitaiFixtures.MODEL_ID, CivitaiFixtures.OLD_VERSION_ID))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(body.getMap(""))
        .isEqualTo(
            Map.of(
                "success",
                true,
                "message",
                "Model successfully re-linked to Civitai model 110012 version 120001",
                "hash",
                sha256));
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("civitai").get("id").asLong()).isEqualTo(120001);
    assertThat(sidecar.get("civitai").get("modelId").asLong()).isEqualTo(110012);
    assertThat(sidecar.get("civitai").get("creator").get("username").asText())
        .isEqualTo("inkmaster");
    assertThat(sidecar.get("civitai").get("model").get("allowCommercialUse").toString())
        .isEqualTo("[\"Image\",\"Rent\"]");
    assertThat(sidecar.get("model_name").asText()).isEqualTo("Ink Drawing");
    assertThat(sidecar.get("base_model").asText()).isEqualTo("SD 1.5");
    assertThat(sidecar.get("k").asText()).isEqualTo("v");
    JsonPath list = given().get("/api/lm/loras/list").then().statusCode(200).extract().jsonPath();
    assertThat(list.getLong("items[0].civitai.id")).isEqualTo(120001);
  }

  @Test
  void relinkWithoutVersionTakesTheFirstOne() {
    relink(relinkBody(String.valueOf(CivitaiFixtures.MODEL_ID), null))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("civitai").get("id").asLong()).isEqualTo(CivitaiFixtures.VERSION_ID);
    assertThat(sidecar.get("base_model").asText()).isEqualTo("SDXL 1.0");
  }

  @Test
  void relinkToAnUnknownModelIs404AndChangesNothing() {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/models/424242")).willReturn(aResponse().withStatus(404)));
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertError(
        relink(relinkBody(424242, 7)),
        404,
        "Model version not found on CivitAI for ID: 424242 with version: 7");
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(before);
  }

  @Test
  void relinkNeedsBothPathAndModel() {
    assertError(
        relink(Map.of("file_path", LibraryFixture.slashes(model))),
        400,
        "Both file_path and model_id are required");
    assertError(relink(Map.of("model_id", 5)), 400, "Both file_path and model_id are required");
    assertError(
        relink(relinkBody("abc", null)), 400, "model_id must be a positive integer, got 'abc'");
  }

  @Test
  void versionsMarkTheLocalCopy() {
    Path held =
        library.modelWithSidecar(
            library.loras(),
            "ink_v2.safetensors",
            s -> s.putObject("civitai").put("id", 130072).put("modelId", 110012));
    TestLibrary.scan("loras");

    JsonPath versions =
        given()
            .get("/api/lm/loras/civitai/versions/110012")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(versions.getList("id", Long.class)).containsExactly(130072L, 120001L);
    assertThat(versions.getBoolean("[0].existsLocally")).isTrue();
    assertThat(versions.getBoolean("[0].hasBeenDownloaded")).isTrue();
    assertThat(versions.getString("[0].localPath")).isEqualTo(LibraryFixture.slashes(held));
    assertThat(versions.getList("[0].downloadedFiles"))
        .isEqualTo(
            List.of(
                Map.of(
                    "fileId",
                    99001,
                    "fileName",
                    "ink_v2.safetensors",
                    "filePath",
                    LibraryFixture.slashes(held))));
    assertThat(versions.getDouble("[0].modelSizeKB")).isEqualTo(145000.5);
    assertThat(versions.getBoolean("[1].existsLocally")).isFalse();
    assertThat(versions.getBoolean("[1].hasBeenDownloaded")).isFalse();
    assertThat(versions.getMap("[1]")).doesNotContainKey("localPath");
    assertThat(versions.getList("[1].downloadedFiles")).isEmpty();
    assertThat(versions.getString("[1].name")).isEqualTo("v1.0");
  }

  @Test
  void versionsOfAModelOfAnotherTypeAre400() {
    assertError(
        given().get("/api/lm/checkpoints/civitai/versions/110012"),
        400,
        "Model type mismatch: Civitai model 110012 is a LORA, not a Checkpoint");
  }

  @Test
  void versionsOfAnUnknownModelAre404() {
    civitai.stubFor(
        get(urlPathEqualTo(API + "/models/77")).willReturn(aResponse().withStatus(404)));
    assertError(
        given().get("/api/lm/loras/civitai/versions/77"),
        404,
        "Model not found on Civitai: model 77");
    assertError(
        given().get("/api/lm/loras/civitai/versions/x1"),
        400,
        "model_id must be a positive integer, got 'x1'");
  }

  @Test
  void versionLookupAnswersTheRawVersion() {
    JsonPath version =
        given()
            .get("/api/lm/embeddings/civitai/model/version/" + CivitaiFixtures.VERSION_ID)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    JsonNode expected = CivitaiFixtures.json(CivitaiFixtures.version(sha256, cdn));
    assertThat(version.getLong("id")).isEqualTo(CivitaiFixtures.VERSION_ID);
    assertThat(version.getString("name")).isEqualTo("v2.0");
    assertThat(version.getList("files")).hasSize(2);
    assertThat(version.getString("images[0].meta.prompt"))
        .isEqualTo(expected.get("images").get(0).get("meta").get("prompt").asText());
    assertThat(version.getMap("images[0].meta")).doesNotContainKey("comfy");
    assertError(
        given().get("/api/lm/loras/civitai/model/version/0"),
        400,
        "modelVersionId must be a positive integer, got '0'");
  }

  @Test
  void hashLookupAnswersTheEnrichedVersion() {
    JsonPath version =
        given()
            .get("/api/lm/loras/civitai/model/hash/" + sha256.toUpperCase())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(version.getLong("id")).isEqualTo(CivitaiFixtures.VERSION_ID);
    assertThat(version.getString("creator.username")).isEqualTo("inkmaster");
    assertThat(version.getString("model.description"))
        .isEqualTo("<p>Black ink drawings with a brush feel.</p>");
    assertThat(version.getBoolean("model.allowNoCredit")).isFalse();
    assertError(
        given().get("/api/lm/loras/civitai/model/hash/xyz"), 400, "Not a SHA-256 hash: xyz");
  }
}
