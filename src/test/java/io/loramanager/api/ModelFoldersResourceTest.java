package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.bodyOf;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelFoldersResourceTest {

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private String root(String name) {
    return LibraryFixture.slashes(library.dir().resolve(name));
  }

  private void models(java.nio.file.Path root, String... relativePaths) {
    for (String path : relativePaths) {
      library.modelWithSidecar(root, path, s -> {});
    }
  }

  @Test
  void rootsListTheLoraRoot() {
    assertThat(bodyOf(given().get("/api/lm/loras/roots"), 200))
        .isEqualTo(map("success", true, "roots", List.of(root("loras"))));
  }

  @Test
  void checkpointRootsIncludeDiffusionModelsOnceTheFolderExists() {
    assertThat(bodyOf(given().get("/api/lm/checkpoints/roots"), 200))
        .isEqualTo(map("success", true, "roots", List.of(root("checkpoints"))));

    library.diffusionModels();
    TestLibrary.scan("checkpoints");

    assertThat(bodyOf(given().get("/api/lm/checkpoints/roots"), 200))
        .isEqualTo(
            map("success", true, "roots", List.of(root("checkpoints"), root("diffusion_models"))));
  }

  @Test
  void foldersAreSortedIgnoringCaseWithTheRootFolderIncluded() {
    models(
        library.loras(),
        "top.safetensors",
        "b/x.safetensors",
        "A/x.safetensors",
        "a/c/x.safetensors",
        "C/x.safetensors");
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().get("/api/lm/loras/folders"), 200))
        .isEqualTo(map("folders", List.of("", "A", "a/c", "b", "C")));
  }

  @Test
  void foldersDifferingOnlyInCaseAreBothListed() {
    models(library.loras(), "Anime/x.safetensors", "anime/y.safetensors");
    TestLibrary.scan("loras");

    assertThat(bodyOf(given().get("/api/lm/loras/folders"), 200))
        .isEqualTo(map("folders", List.of("Anime", "anime")));
  }

  @Test
  void foldersOfAnEmptyLibraryAreEmpty() {
    assertThat(bodyOf(given().get("/api/lm/embeddings/folders"), 200))
        .isEqualTo(map("folders", List.of()));
  }

  @Test
  void folderTreeRequiresModelRoot() {
    assertError(given().get("/api/lm/loras/folder-tree"), 400, "model_root parameter is required");
  }

  @Test
  void folderTreeRejectsBlankModelRoot() {
    assertError(
        given().queryParam("model_root", "  ").get("/api/lm/loras/folder-tree"),
        400,
        "model_root parameter is required");
  }

  @Test
  void folderTreeRejectsARootThatIsNotConfigured() {
    assertError(
        given().queryParam("model_root", "/nowhere/loras").get("/api/lm/loras/folder-tree"),
        400,
        "model_root '/nowhere/loras' is not a configured root");
  }

  @Test
  void folderTreeRejectsARootOfAnotherType() {
    String checkpoints = root("checkpoints");
    assertError(
        given().queryParam("model_root", checkpoints).get("/api/lm/loras/folder-tree"),
        400,
        "model_root '" + checkpoints + "' is not a configured root");
  }

  @Test
  void folderTreeNestsTheFoldersOfTheRoot() {
    models(
        library.loras(),
        "top.safetensors",
        "a/b/c/x.safetensors",
        "a/d/x.safetensors",
        "e/x.safetensors");
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given().queryParam("model_root", root("loras")).get("/api/lm/loras/folder-tree"),
                200))
        .isEqualTo(
            map(
                "success",
                true,
                "tree",
                map("a", map("b", map("c", Map.of()), "d", Map.of()), "e", Map.of())));
  }

  @Test
  void folderTreeAcceptsARootWithATrailingSlash() {
    models(library.loras(), "a/x.safetensors");
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given()
                    .queryParam("model_root", root("loras") + "/")
                    .get("/api/lm/loras/folder-tree"),
                200))
        .isEqualTo(map("success", true, "tree", map("a", Map.of())));
  }

  @Test
  void folderTreeHoldsOnlyTheFoldersOfThatRoot() {
    models(library.checkpoints(), "sdxl/real/x.safetensors");
    models(library.diffusionModels(), "flux/y.safetensors");
    TestLibrary.scan("checkpoints");

    assertThat(
            bodyOf(
                given()
                    .queryParam("model_root", root("diffusion_models"))
                    .get("/api/lm/checkpoints/folder-tree"),
                200))
        .isEqualTo(map("success", true, "tree", map("flux", Map.of())));
    assertThat(
            bodyOf(
                given()
                    .queryParam("model_root", root("checkpoints"))
                    .get("/api/lm/checkpoints/folder-tree"),
                200))
        .isEqualTo(map("success", true, "tree", map("sdxl", map("real", Map.of()))));
  }

  @Test
  void folderTreeKeepsFoldersDifferingOnlyInCase() {
    models(library.loras(), "Anime/x.safetensors", "anime/y.safetensors");
    TestLibrary.scan("loras");

    assertThat(
            bodyOf(
                given().queryParam("model_root", root("loras")).get("/api/lm/loras/folder-tree"),
                200))
        .isEqualTo(map("success", true, "tree", map("Anime", Map.of(), "anime", Map.of())));
  }

  @Test
  void unifiedFolderTreeMergesTheFoldersOfEveryRoot() {
    models(library.checkpoints(), "top.safetensors", "x/y/a.safetensors");
    models(library.diffusionModels(), "x/z/b.safetensors", "w/c.safetensors");
    TestLibrary.scan("checkpoints");

    assertThat(bodyOf(given().get("/api/lm/checkpoints/unified-folder-tree"), 200))
        .isEqualTo(
            map(
                "success",
                true,
                "tree",
                map("w", Map.of(), "x", map("y", Map.of(), "z", Map.of()))));
  }

  @Test
  void unifiedFolderTreeOfAnEmptyLibraryIsEmpty() {
    assertThat(bodyOf(given().get("/api/lm/loras/unified-folder-tree"), 200))
        .isEqualTo(map("success", true, "tree", Map.of()));
  }

  @Test
  void foldersOfAnUnknownTypeIsJson404() {
    assertError(given().get("/api/lm/unets/folders"), 404, "Unknown model type 'unets'");
  }
}
