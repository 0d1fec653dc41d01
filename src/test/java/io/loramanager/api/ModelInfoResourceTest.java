package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lookups by file path (metadata, description) and by name (notes). */
@QuarkusTest
class ModelInfoResourceTest {

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  /** A Civitai section with every kept key plus {@code files} and {@code stats}, which are not. */
  private static void fullCivitai(ObjectNode sidecar) {
    ObjectNode civitai = sidecar.putObject("civitai");
    civitai.put("id", 222);
    civitai.put("modelId", 111);
    civitai.put("name", "v1.0");
    civitai.put("createdAt", "2024-01-01T00:00:00.000Z");
    civitai.put("updatedAt", "2024-01-02T00:00:00.000Z");
    civitai.put("publishedAt", "2024-01-03T00:00:00.000Z");
    civitai.putArray("trainedWords").add("sks").add("style of x");
    civitai.put("baseModel", "SDXL 1.0");
    civitai.put("description", "<p>version notes</p>");
    ObjectNode model = civitai.putObject("model");
    model.put("name", "My LoRA");
    model.put("type", "LORA");
    model.put("nsfw", false);
    model.putArray("tags").add("style");
    civitai.putArray("images").addObject().put("url", "https://img/1.png").put("nsfwLevel", 1);
    civitai.putArray("customImages");
    civitai.putObject("creator").put("username", "maker");
    civitai.putArray("files").addObject().put("name", "x.safetensors");
    civitai.putObject("stats").put("downloadCount", 5);
  }

  private String metadataOf(Path model) {
    return "/api/lm/loras/metadata?file_path=" + LibraryFixture.slashes(model);
  }

  @Test
  void metadataReturnsTheFullCivitaiSubsetOnly() {
    Path model =
        library.modelWithSidecar(
            library.loras(), "x.safetensors", ModelInfoResourceTest::fullCivitai);
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given()
                    .queryParam("file_path", LibraryFixture.slashes(model))
                    .get("/api/lm/loras/metadata"),
                200))
        .isEqualTo(
            map(
                "success",
                true,
                "metadata",
                map(
                    "id",
                    222,
                    "modelId",
                    111,
                    "name",
                    "v1.0",
                    "createdAt",
                    "2024-01-01T00:00:00.000Z",
                    "updatedAt",
                    "2024-01-02T00:00:00.000Z",
                    "publishedAt",
                    "2024-01-03T00:00:00.000Z",
                    "trainedWords",
                    List.of("sks", "style of x"),
                    "baseModel",
                    "SDXL 1.0",
                    "description",
                    "<p>version notes</p>",
                    "model",
                    map("name", "My LoRA", "type", "LORA", "nsfw", false, "tags", List.of("style")),
                    "images",
                    List.of(map("url", "https://img/1.png", "nsfwLevel", 1)),
                    "customImages",
                    List.of(),
                    "creator",
                    map("username", "maker"))));
  }

  @Test
  void metadataOfAModelWithoutCivitaiIs404() {
    Path model = library.modelWithSidecar(library.loras(), "x.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertError(
        given().get(metadataOf(model)), 404, "LoRA not found or no CivitAI metadata available");
  }

  @Test
  void metadataOfAnUnknownPathIs404() {
    String path = LibraryFixture.slashes(library.loras().resolve("ghost.safetensors"));
    assertError(
        given().queryParam("file_path", path).get("/api/lm/loras/metadata"),
        404,
        "LoRA not found: " + path);
  }

  @Test
  void metadataNamesTheTypeOfTheRoute() {
    String path = LibraryFixture.slashes(library.checkpoints().resolve("ghost.safetensors"));
    assertError(
        given().queryParam("file_path", path).get("/api/lm/checkpoints/metadata"),
        404,
        "Checkpoint not found: " + path);
  }

  @Test
  void metadataWithoutFilePathIs400() {
    assertError(given().get("/api/lm/loras/metadata"), 400, "file_path is required");
  }

  @Test
  void metadataOfASidecarCorruptedAfterTheScanIs409() {
    Path model =
        library.modelWithSidecar(
            library.loras(), "x.safetensors", ModelInfoResourceTest::fullCivitai);
    TestLibrary.scan("loras");
    library.rawSidecar(model, "{\"file_name\": \"x\"}");

    assertError(
        given().get(metadataOf(model)),
        409,
        "Sidecar of "
            + LibraryFixture.slashes(model)
            + " is corrupt: missing required field(s) model_name, file_path, size, modified,"
            + " sha256, base_model, preview_url");
  }

  @Test
  void metadataOfASidecarThatIsNoLongerAJsonObjectIs409() {
    Path model =
        library.modelWithSidecar(
            library.loras(), "x.safetensors", ModelInfoResourceTest::fullCivitai);
    TestLibrary.scan("loras");
    library.rawSidecar(model, "[1, 2]");

    assertError(
        given().get(metadataOf(model)),
        409,
        "Sidecar of " + LibraryFixture.slashes(model) + " is corrupt: not a JSON object");
  }

  @Test
  void metadataOfAModelWhoseSidecarVanishedIs404() throws IOException {
    Path model =
        library.modelWithSidecar(
            library.loras(), "x.safetensors", ModelInfoResourceTest::fullCivitai);
    TestLibrary.scan("loras");
    Files.delete(LibraryFixture.sidecarOf(model));

    assertError(
        given().get(metadataOf(model)),
        404,
        "LoRA sidecar is missing: " + LibraryFixture.slashes(model));
  }

  @Test
  void modelDescriptionReturnsTheHtmlFromTheSidecar() {
    Path model =
        library.modelWithSidecar(
            library.loras(),
            "x.safetensors",
            s -> s.put("modelDescription", "<p>Hi &amp; bye</p>"));
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given()
                    .queryParam("file_path", LibraryFixture.slashes(model))
                    .get("/api/lm/loras/model-description"),
                200))
        .isEqualTo(map("success", true, "description", "<p>Hi &amp; bye</p>"));
  }

  @Test
  void modelDescriptionIsEmptyWhenTheSidecarHasNone() {
    Path model =
        library.modelWithSidecar(
            library.loras(), "x.safetensors", s -> s.remove("modelDescription"));
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given()
                    .queryParam("file_path", LibraryFixture.slashes(model))
                    .get("/api/lm/loras/model-description"),
                200))
        .isEqualTo(map("success", true, "description", ""));
  }

  @Test
  void modelDescriptionWithoutFilePathIs400() {
    assertError(given().get("/api/lm/loras/model-description"), 400, "file_path is required");
  }

  @Test
  void modelDescriptionOfAnUnknownPathIs404() {
    assertError(
        given()
            .queryParam("file_path", "/nowhere/x.safetensors")
            .get("/api/lm/embeddings/model-description"),
        404,
        "Embedding not found: /nowhere/x.safetensors");
  }

  @Test
  void notesAreFoundByFileName() {
    Path model =
        library.modelWithSidecar(
            library.loras(), "sub/x.safetensors", s -> s.put("notes", "strength 0.7"));
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().queryParam("name", "x").get("/api/lm/loras/get-notes"), 200))
        .isEqualTo(
            map(
                "success",
                true,
                "notes",
                "strength 0.7",
                "file_path",
                LibraryFixture.slashes(model)));
  }

  @Test
  void notesAreFoundByFileNameWithExtension() {
    Path model =
        library.modelWithSidecar(library.loras(), "x.safetensors", s -> s.put("notes", "n"));
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(given().queryParam("name", "x.safetensors").get("/api/lm/loras/get-notes"), 200))
        .isEqualTo(map("success", true, "notes", "n", "file_path", LibraryFixture.slashes(model)));
  }

  @Test
  void notesByFolderAndNamePickThatFolder() {
    library.modelWithSidecar(library.loras(), "a/x.safetensors", s -> s.put("notes", "in a"));
    Path inB =
        library.modelWithSidecar(library.loras(), "b/x.safetensors", s -> s.put("notes", "in b"));
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().queryParam("name", "b/x").get("/api/lm/loras/get-notes"), 200))
        .isEqualTo(map("success", true, "notes", "in b", "file_path", LibraryFixture.slashes(inB)));
  }

  @Test
  void notesWithoutNameAre400() {
    assertError(given().get("/api/lm/loras/get-notes"), 400, "name is required");
  }

  @Test
  void notesOfAnUnknownModelAre404() {
    assertError(
        given().queryParam("name", "nope").get("/api/lm/loras/get-notes"),
        404,
        "LoRA not found: nope");
  }
}
