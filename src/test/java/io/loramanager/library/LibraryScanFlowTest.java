package io.loramanager.library;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rescans through HTTP on a real library: what appears, changes and leaves, on disk and in SQLite.
 */
@QuarkusTest
class LibraryScanFlowTest {

  @Inject CatalogStore store;

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  @Test
  void newLoraGetsADefaultSidecarWithItsRealHash() throws Exception {
    byte[] content = "lora weights".getBytes();
    Path model = library.model(library.loras(), "styles/ink.safetensors", content);
    library.preview(model, ".preview.png");

    JsonPath scan = TestLibrary.scan("loras");

    assertThat(scan.getString("status")).isEqualTo("success");
    assertThat(scan.getString("message")).isEqualTo("LoRA scan completed");
    assertThat(scan.getInt("added")).isEqualTo(1);
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("sha256").asText()).isEqualTo(LibraryFixture.sha256(content));
    assertThat(sidecar.get("file_name").asText()).isEqualTo("ink");
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(model));
    assertThat(sidecar.get("base_model").asText()).isEqualTo("Unknown");
    assertThat(sidecar.get("usage_tips").asText()).isEqualTo("{}");
    assertThat(sidecar.get("preview_url").asText())
        .isEqualTo(LibraryFixture.slashes(model.resolveSibling("ink.preview.png")));
    assertThat(Files.exists(model.resolveSibling("ink.metadata.json.tmp"))).isFalse();
    ModelEntry row = storedEntry(ModelType.LORA, model);
    assertThat(row.sha256()).isEqualTo(LibraryFixture.sha256(content));
    assertThat(row.folder()).isEqualTo("styles");
  }

  @Test
  void checkpointHashIsLeftPendingAndSubTypeFollowsTheRoot() {
    Path checkpoint = library.model(library.checkpoints(), "base.safetensors");
    Path unet = library.model(library.root("diffusion_models"), "flux.gguf");

    TestLibrary.scan("checkpoints");

    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(checkpoint));
    assertThat(sidecar.get("sha256").asText()).isEmpty();
    assertThat(sidecar.get("hash_status").asText()).isEqualTo("pending");
    assertThat(sidecar.get("from_civitai").asBoolean()).isFalse();
    given()
        .get("/api/lm/checkpoints/list")
        .then()
        .statusCode(200)
        .body("items.file_name", contains("base", "flux"))
        .body("items.sub_type", contains("checkpoint", "diffusion_model"))
        .body("items.sha256", contains("", ""));
    assertThat(storedEntry(ModelType.CHECKPOINT, unet).subType()).isEqualTo("diffusion_model");
  }

  @Test
  void removedFilesLeaveTheCatalogueAndTheDatabase() throws Exception {
    Path model = library.modelWithSidecar(library.loras(), "gone.safetensors", s -> {});
    TestLibrary.scan("loras");
    Files.delete(model);

    JsonPath scan = TestLibrary.scan("loras");

    assertThat(scan.getInt("removed")).isEqualTo(1);
    assertThat(scan.getInt("total")).isZero();
    assertThat(store.load(ModelType.LORA)).isEmpty();
  }

  @Test
  void editedSidecarIsReReadOnRescan() {
    Path model =
        library.modelWithSidecar(
            library.loras(), "edit.safetensors", s -> s.put("model_name", "Old"));
    TestLibrary.scan("loras");
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    sidecar.put("model_name", "New name");
    sidecar.put("size", 999999);
    library.writeSidecar(model, sidecar);

    JsonPath scan = TestLibrary.scan("loras");

    assertThat(scan.getInt("updated")).isEqualTo(1);
    given().get("/api/lm/loras/list").then().body("items.model_name", contains("New name"));
    assertThat(storedEntry(ModelType.LORA, model).modelName()).isEqualTo("New name");
  }

  @Test
  void corruptSidecarIsReportedAndNeverOverwritten() {
    Path model = library.model(library.loras(), "broken.safetensors");
    Path sidecar = library.rawSidecar(model, "{\"file_name\": \"broken\"");
    Path missingKeys = library.model(library.loras(), "partial.safetensors");
    Path partial = library.rawSidecar(missingKeys, "{\"file_name\": \"partial\"}");

    JsonPath scan = TestLibrary.scan("loras");

    assertThat(scan.getInt("total")).isZero();
    List<String> paths = scan.getList("problems.file_path");
    assertThat(paths)
        .containsExactlyInAnyOrder(
            LibraryFixture.slashes(model), LibraryFixture.slashes(missingKeys));
    assertThat(
            scan.getString("problems.find { it.file_path.endsWith('partial.safetensors') }.error"))
        .isEqualTo(
            "corrupt sidecar: missing required field(s) model_name, file_path, size, modified,"
                + " sha256, base_model, preview_url");
    assertThat(new String(LibraryFixture.read(sidecar))).isEqualTo("{\"file_name\": \"broken\"");
    assertThat(new String(LibraryFixture.read(partial))).isEqualTo("{\"file_name\": \"partial\"}");
  }

  @Test
  void civitaiInfoIsImportedWhenThereIsNoSidecar() {
    Path model = library.model(library.loras(), "helper.safetensors");
    library.civitaiInfo(
        model,
        """
        {"id": 11, "modelId": 7, "name": "v1", "baseModel": "SDXL 1.0",
         "trainedWords": ["inky"],
         "model": {"name": "Ink Style", "type": "LORA", "tags": ["style"], "description": "<p>d</p>"},
         "files": [{"name": "helper.safetensors", "primary": true,
                    "hashes": {"SHA256": "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"}}]}
        """);

    TestLibrary.scan("loras");

    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("sha256").asText())
        .isEqualTo("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
    assertThat(sidecar.get("model_name").asText()).isEqualTo("Ink Style");
    assertThat(sidecar.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(sidecar.get("civitai").get("modelId").asInt()).isEqualTo(7);
    given()
        .get("/api/lm/loras/list")
        .then()
        .body("items[0].tags", contains("style"))
        .body("items[0].civitai.trainedWords", contains("inky"))
        .body("items[0].civitai.modelId", equalTo(7));
  }

  @Test
  void unknownSidecarKeysSurviveAResave() {
    Path model =
        library.modelWithSidecar(
            library.loras(),
            "keep.safetensors",
            s -> {
              s.put("file_path", "/somewhere/else/keep.safetensors");
              s.put("my_tool_key", "kept");
              s.putObject("nested_unknown").put("a", 1);
            });

    TestLibrary.scan("loras");

    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(model));
    assertThat(sidecar.get("file_path").asText()).isEqualTo(LibraryFixture.slashes(model));
    assertThat(sidecar.get("my_tool_key").asText()).isEqualTo("kept");
    assertThat(sidecar.get("nested_unknown").get("a").asInt()).isEqualTo(1);
  }

  @Test
  void fullRebuildReReadsEverySidecar() {
    library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    TestLibrary.scan("loras");

    JsonPath rebuild =
        given()
            .get("/api/lm/loras/scan?full_rebuild=true")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(rebuild.getInt("total")).isEqualTo(1);
    assertThat(rebuild.getInt("unchanged")).isEqualTo(1);
    assertThat(store.load(ModelType.LORA)).hasSize(1);
  }

  @Test
  void cancelTaskAnswersTheReferenceShape() {
    given()
        .post("/api/lm/loras/cancel-task")
        .then()
        .statusCode(200)
        .body("status", equalTo("success"))
        .body("message", equalTo("Cancellation requested"));
  }

  private ModelEntry storedEntry(ModelType type, Path model) {
    String path = LibraryFixture.slashes(model);
    return store.load(type).stream()
        .filter(e -> e.filePath().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + path));
  }
}
