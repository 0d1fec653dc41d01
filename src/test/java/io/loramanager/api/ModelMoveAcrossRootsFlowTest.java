package io.loramanager.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import io.loramanager.library.CatalogStore;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A checkpoint moved into its other root takes that root's sub-type, as the reference does. */
@QuarkusTest
class ModelMoveAcrossRootsFlowTest {

  @Inject CatalogStore store;

  @Test
  void aCheckpointMovedIntoTheDiffusionModelsRootBecomesADiffusionModel() {
    LibraryFixture library = TestLibrary.fresh();
    Path unetRoot = library.diffusionModels();
    Path model =
        library.modelWithSidecar(
            library.checkpoints(), "flux.safetensors", s -> s.put("sub_type", "checkpoint"));
    TestLibrary.scan("checkpoints");
    Path target = unetRoot.resolve("flux");

    JsonPath json =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"file_path\": \""
                    + LibraryFixture.slashes(model)
                    + "\", \"target_path\": \""
                    + LibraryFixture.slashes(target)
                    + "\"}")
            .post("/api/lm/checkpoints/move_model")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    Path moved = target.resolve("flux.safetensors");
    assertThat(json.getString("cache_entry.sub_type")).isEqualTo("diffusion_model");
    assertThat(json.getString("cache_entry.folder")).isEqualTo("flux");
    assertThat(model).doesNotExist();
    assertThat(LibraryFixture.sidecarOf(moved)).exists();
    given()
        .get("/api/lm/checkpoints/list")
        .then()
        .body("items.file_path", contains(LibraryFixture.slashes(moved)))
        .body("items.sub_type", contains("diffusion_model"));
    assertThat(store.load(ModelType.CHECKPOINT))
        .extracting(ModelEntry::filePath, ModelEntry::subType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(LibraryFixture.slashes(moved), "diffusion_model"));
  }
}
