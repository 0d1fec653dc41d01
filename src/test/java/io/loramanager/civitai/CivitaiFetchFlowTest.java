package io.loramanager.civitai;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fetch-civitai through HTTP: sidecar, preview file and list item; not found; bad input. */
@QuarkusTest
class CivitaiFetchFlowTest {

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;

  private LibraryFixture library;
  private Path model;
  private String sha256;

  @BeforeEach
  void inkLora() {
    civitai.resetAll();
    cdn.resetAll();
    library = TestLibrary.fresh();
    model =
        library.modelWithSidecar(
            library.loras(),
            "style/ink.safetensors",
            s -> {
              s.put("my_own_key", "kept");
              s.putObject("civitai").putArray("trainedWords").add("old word");
              s.put("notes", "my notes");
            });
    sha256 = LibraryFixture.sha256(LibraryFixture.read(model));
    TestLibrary.scan("loras");
  }

  private JsonPath fetch(Object path, int status) {
    return LibraryRequests.post("/api/lm/loras/fetch-civitai", Map.of("file_path", path))
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  @Test
  void fetchWritesSidecarPreviewAndListItem() {
    CivitaiFixtures.stubFound(civitai, cdn, sha256);

    JsonPath body = fetch(LibraryFixture.slashes(model), 200);

    Path preview = model.resolveSibling("ink.png");
    assertThat(body.getBoolean("success")).isTrue();
    assertThat(body.getString("metadata.model_name")).isEqualTo("Ink Drawing");
    assertThat(body.getString("metadata.base_model")).isEqualTo("SDXL 1.0");
    assertThat(body.getString("metadata.preview_url"))
        .isEqualTo("/api/lm/previews?path=" + LibraryFixture.slashes(preview));
    assertThat(body.getInt("metadata.preview_nsfw_level")).isEqualTo(1);
    assertThat(body.getLong("metadata.civitai.id")).isEqualTo(CivitaiFixtures.VERSION_ID);
    assertThat(body.getLong("metadata.civitai.modelId")).isEqualTo(CivitaiFixtures.MODEL_ID);
    assertThat(body.getList("metadata.civitai.trainedWords", String.class))
        .containsExactly("old word", "ink style", "monochrome");
    assertThat(body.getList("metadata.tags", String.class))
        .containsExactly("style", "ink", "monochrome");

    assertThat(LibraryFixture.read(preview)).isEqualTo(LibraryFixture.PNG);
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("my_own_key").asText()).isEqualTo("kept");
    assertThat(sidecar.get("notes").asText()).isEqualTo("my notes");
    assertThat(sidecar.get("model_name").asText()).isEqualTo("Ink Drawing");
    assertThat(sidecar.get("modelDescription").asText())
        .isEqualTo("<p>Black ink drawings with a brush feel.</p>");
    assertThat(sidecar.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(sidecar.get("autov3").asText())
        .isEqualTo(CivitaiFixtures.autov3(sha256).toLowerCase());
    assertThat(sidecar.get("from_civitai").asBoolean()).isTrue();
    assertThat(sidecar.get("civitai_deleted").asBoolean()).isFalse();
    assertThat(sidecar.get("metadata_source").asText()).isEqualTo("civitai_api");
    assertThat(sidecar.get("last_checked_at").asDouble()).isPositive();
    assertThat(sidecar.get("preview_url").asText()).isEqualTo(LibraryFixture.slashes(preview));
    assertThat(sidecar.get("preview_nsfw_level").asInt()).isEqualTo(1);
    JsonNode civitaiNode = sidecar.get("civitai");
    assertThat(civitaiNode.get("creator").get("username").asText()).isEqualTo("inkmaster");
    assertThat(civitaiNode.get("model").toString())
        .isEqualTo(
            "{\"name\":\"Ink Drawing\",\"type\":\"LORA\",\"nsfw\":false,\"poi\":false,"
                + "\"description\":\"<p>Black ink drawings with a brush feel.</p>\","
                + "\"tags\":[\"style\",\"ink\",\"monochrome\"],\"allowNoCredit\":false,"
                + "\"allowCommercialUse\":[\"Image\",\"Rent\"],\"allowDerivatives\":true,"
                + "\"allowDifferentLicense\":false}");
    for (JsonNode image : civitaiNode.get("images")) {
      assertThat(image.path("meta").has("comfy")).isFalse();
    }
    assertThat(civitaiNode.get("images").get(1).get("meta").get("prompt").asText())
        .isEqualTo("ink style, a heron");
    assertThat(civitaiNode.get("files")).hasSize(2);

    JsonPath list = given().get("/api/lm/loras/list").then().statusCode(200).extract().jsonPath();
    assertThat(list.getString("items[0].model_name")).isEqualTo("Ink Drawing");
    assertThat(list.getString("items[0].base_model")).isEqualTo("SDXL 1.0");
    assertThat(list.getString("items[0].preview_url"))
        .isEqualTo(body.getString("metadata.preview_url"));
    assertThat(list.getLong("items[0].civitai.id")).isEqualTo(CivitaiFixtures.VERSION_ID);

    civitai.verify(
        getRequestedFor(urlPathEqualTo(API + "/model-versions/by-hash/" + sha256))
            .withHeader("Authorization", equalTo("Bearer test-secret-key-4f7a")));
    cdn.verify(getRequestedFor(urlPathEqualTo("/img/safe.png")).withoutHeader("Authorization"));
    assertThat(cdn.findAll(getRequestedFor(urlPathEqualTo("/img/x-rated.jpeg")))).isEmpty();
  }

  @Test
  void fetchingTwiceKeepsTheSidecarAsAfterTheFirstSaveTheCheckTime() {
    CivitaiFixtures.stubFound(civitai, cdn, sha256);
    fetch(LibraryFixture.slashes(model), 200);
    ObjectNode first = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));

    fetch(LibraryFixture.slashes(model), 200);

    ObjectNode second = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    first.remove("last_checked_at");
    second.remove("last_checked_at");
    assertThat(second).isEqualTo(first);
    assertThat(cdn.findAll(getRequestedFor(urlPathEqualTo("/img/safe.png")))).hasSize(1);
  }

  @Test
  void notFoundMarksTheModelDeletedOnCivitai() {
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertError(
        LibraryRequests.post(
            "/api/lm/loras/fetch-civitai", Map.of("file_path", LibraryFixture.slashes(model))),
        404,
        "Error fetching metadata: Model not found on Civitai (file=ink.safetensors, sha256="
            + sha256
            + ")");

    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    ObjectNode expected = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("civitai_deleted").asBoolean()).isTrue();
    assertThat(sidecar.get("from_civitai").asBoolean()).isFalse();
    assertThat(sidecar.get("last_checked_at").asDouble()).isPositive();
    assertThat(sidecar.get("my_own_key").asText()).isEqualTo("kept");
    assertThat(new String(before)).contains("\"civitai_deleted\" : false");
    assertThat(expected.get("model_name").asText()).isEqualTo("ink");
    JsonPath list = given().get("/api/lm/loras/list").then().statusCode(200).extract().jsonPath();
    assertThat(list.getBoolean("items[0].from_civitai")).isFalse();
  }

  @Test
  void pendingCheckpointIsHashedThenFetched() throws Exception {
    Path checkpoint =
        library.modelWithSidecar(
            library.checkpoints(),
            "base.safetensors",
            s -> {
              s.put("sha256", "");
              s.put("hash_status", "pending");
              s.put("from_civitai", false);
            });
    String checkpointSha = LibraryFixture.sha256(LibraryFixture.read(checkpoint));
    TestLibrary.scan("checkpoints");
    CivitaiFixtures.stubFound(civitai, cdn, checkpointSha);

    JsonPath body =
        LibraryRequests.post(
                "/api/lm/checkpoints/fetch-civitai",
                Map.of("file_path", LibraryFixture.slashes(checkpoint)))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(body.getString("metadata.sha256")).isEqualTo(checkpointSha);
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(checkpoint));
    assertThat(sidecar.get("sha256").asText()).isEqualTo(checkpointSha);
    assertThat(sidecar.get("hash_status").asText()).isEqualTo("completed");
    assertThat(sidecar.get("from_civitai").asBoolean()).isTrue();
    assertThat(Files.exists(checkpoint.resolveSibling("base.png"))).isTrue();
  }

  @Test
  void loraWithoutHashIsRefused() {
    library.writeSidecar(
        model,
        LibraryFixture.defaultSidecar(model).put("sha256", "").put("hash_status", "pending"));
    TestLibrary.scan("loras");
    byte[] before = LibraryFixture.read(LibraryFixture.sidecarOf(model));

    assertError(
        LibraryRequests.post(
            "/api/lm/loras/fetch-civitai", Map.of("file_path", LibraryFixture.slashes(model))),
        400,
        "No SHA256 hash found for " + LibraryFixture.slashes(model));
    assertThat(LibraryFixture.read(LibraryFixture.sidecarOf(model))).isEqualTo(before);
    assertThat(civitai.getAllServeEvents()).isEmpty();
  }

  @Test
  void unknownModelIs404() {
    String path = LibraryFixture.slashes(library.loras().resolve("nothing.safetensors"));
    assertError(
        LibraryRequests.post("/api/lm/loras/fetch-civitai", Map.of("file_path", path)),
        404,
        "LoRA not found: " + path);
  }

  @Test
  void pathOutsideTheRootsIs400() {
    String path = LibraryFixture.slashes(library.loras().resolve("../../outside.safetensors"));
    var response = LibraryRequests.post("/api/lm/loras/fetch-civitai", Map.of("file_path", path));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(civitai.getAllServeEvents()).isEmpty();
  }

  @Test
  void missingOrWrongFilePathIs400() {
    assertError(
        LibraryRequests.post("/api/lm/loras/fetch-civitai", Map.of()),
        400,
        "file_path is required");
    assertError(
        LibraryRequests.post("/api/lm/loras/fetch-civitai", Map.of("file_path", List.of(1))),
        400,
        "file_path must be a string");
    assertError(
        LibraryRequests.post("/api/lm/loras/fetch-civitai", Map.of("file_path", " ")),
        400,
        "file_path is required");
  }
}
