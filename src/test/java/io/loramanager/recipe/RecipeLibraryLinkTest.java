package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recipes link their LoRAs and checkpoint to the library by hash at read time, and keep the stored
 * LoRA file names right when the library renames a model.
 */
@QuarkusTest
class RecipeLibraryLinkTest {

  @Inject LibraryRelink relink;

  private RecipeBook book;
  private Path fox;
  private String foxHash;
  private Path recipeJson;

  @BeforeEach
  void libraryAndRecipe() {
    book = RecipeBook.fresh();
    LibraryFixture library = book.library();
    fox = library.modelWithSidecar(library.loras(), "animals/fox.safetensors", s -> {});
    foxHash = LibraryFixture.sha256(LibraryFixture.read(fox));
    Path preview = library.preview(fox, ".webp");
    ObjectNode sidecar = LibraryFixture.readJson(LibraryFixture.sidecarOf(fox));
    sidecar.put("preview_url", LibraryFixture.slashes(preview));
    library.writeSidecar(fox, sidecar);
    Path sdxl = library.modelWithSidecar(library.checkpoints(), "sdxl.safetensors", s -> {});
    TestLibrary.scanAll();
    ObjectNode recipe = RecipeBook.recipe("r1", "Fox recipe");
    RecipeBook.lora(recipe, "old_fox_name", foxHash.toUpperCase(), 0.8);
    RecipeBook.lora(recipe, "missing", "ab".repeat(32), 1.0);
    ObjectNode checkpoint = recipe.putObject("checkpoint");
    checkpoint.put("name", "SDXL");
    checkpoint.put("hash", LibraryFixture.sha256(LibraryFixture.read(sdxl)));
    recipeJson = book.write("", recipe);
    book.rescan();
    // The scans above queue a relink pass of their own; run one now so the state is known.
    relink.relink();
  }

  @Test
  void aRelinkWritesTheLibraryNameOfEachLinkedLora() {
    ObjectNode stored = LibraryFixture.readJson(recipeJson);
    assertThat(stored.get("loras").get(0).get("file_name").asText()).isEqualTo("fox");
    assertThat(stored.get("loras").get(1).get("file_name").asText()).isEqualTo("missing");
    assertThat(relink.relink()).isZero();
  }

  @Test
  void getLinksLorasAndCheckpointToTheLibrary() {
    String encodedFox =
        "/api/lm/previews?path="
            + java.net.URLEncoder.encode(
                    LibraryFixture.slashes(fox).replace(".safetensors", ".webp"),
                    java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%2F", "/");
    given()
        .get("/api/lm/recipe/r1")
        .then()
        .statusCode(200)
        .body("loras[0].inLibrary", equalTo(true))
        .body("loras[0].file_name", equalTo("fox"))
        .body("loras[0].localPath", equalTo(LibraryFixture.slashes(fox)))
        .body("loras[0].preview_url", equalTo(encodedFox))
        .body("loras[1].inLibrary", equalTo(false))
        .body("loras[1].localPath", nullValue())
        .body("checkpoint.inLibrary", equalTo(true))
        .body("checkpoint.file_name", equalTo("sdxl"));
    // Read-time fields never reach the file.
    assertThat(LibraryFixture.readJson(recipeJson).get("loras").get(0).has("inLibrary")).isFalse();
  }

  @Test
  void recipesForALoraOrCheckpointAreFoundByHashInAnyCase() {
    given()
        .get("/api/lm/recipes/for-lora?hash=" + foxHash)
        .then()
        .body("recipes.id", contains("r1"));
    given()
        .get("/api/lm/recipes/for-lora?hash=" + foxHash.toUpperCase())
        .then()
        .body("recipes.id", contains("r1"));
    given().get("/api/lm/recipes/for-lora?hash=" + "cd".repeat(32)).then().body("recipes", empty());
    given()
        .get("/api/lm/recipes?lora_hash=" + foxHash + "&search=nothing-matches")
        .then()
        .body("items.id", contains("r1"));
  }

  @Test
  void syntaxUsesTheLibraryNameAndFolderAndSkipsExcludedLoras() {
    given()
        .get("/api/lm/recipe/r1/syntax")
        .then()
        .statusCode(200)
        .body("syntax", equalTo("<lora:animals/fox:0.8> <lora:missing:1.0>"));
    ObjectNode recipe = LibraryFixture.readJson(recipeJson);
    ((ObjectNode) recipe.get("loras").get(1)).put("exclude", true);
    LibraryFixture.write(recipeJson, recipe.toString().getBytes());
    book.rescan();
    given()
        .get("/api/lm/recipe/r1/syntax")
        .then()
        .body("syntax", equalTo("<lora:animals/fox:0.8>"));
  }

  @Test
  void renamingTheLoraUpdatesTheRecipeFileWhereItIs() {
    renameFoxTo("red_fox");

    awaitStoredName(recipeJson, "red_fox");
    given()
        .get("/api/lm/recipe/r1")
        .then()
        .body("loras[0].file_name", equalTo("red_fox"))
        .body("loras[0].inLibrary", equalTo(true));
    given()
        .get("/api/lm/recipes?search=red_fox&search_prompt=false")
        .then()
        .body("items.id", contains("r1"));
    assertThat(book.root().resolve("sub")).doesNotExist();
  }

  @Test
  void renamingTheLoraUpdatesARecipeInASubfolderInPlace() throws IOException {
    ObjectNode recipe = RecipeBook.recipe("r2", "Fox in a folder");
    RecipeBook.lora(recipe, "fox", foxHash, 0.6);
    Path nested = book.write("sub", recipe);
    book.rescan();

    renameFoxTo("red_fox");

    awaitStoredName(nested, "red_fox");
    awaitStoredName(recipeJson, "red_fox");
    // The reference wrote <root>/<id>.recipe.json whatever the recipe's folder.
    try (Stream<Path> root = Files.list(book.root())) {
      assertThat(root.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
          .containsExactly("r1.recipe.json");
    }
    given().get("/api/lm/recipe/r2").then().body("loras[0].file_name", equalTo("red_fox"));
  }

  @Test
  void deletingTheLoraShowsItAsNotInLibrary() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"file_path\": \"" + LibraryFixture.slashes(fox) + "\"}")
        .post("/api/lm/loras/delete")
        .then()
        .statusCode(200);

    given()
        .get("/api/lm/recipe/r1")
        .then()
        .body("loras[0].inLibrary", equalTo(false))
        .body("loras[0].localPath", nullValue())
        .body("loras[0].preview_url", nullValue())
        .body("loras[0].file_name", equalTo("fox"));
  }

  private void renameFoxTo(String name) {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"file_path\": \""
                + LibraryFixture.slashes(fox)
                + "\", \"new_file_name\": \""
                + name
                + "\"}")
        .post("/api/lm/loras/rename")
        .then()
        .statusCode(200);
  }

  private static void awaitStoredName(Path recipeFile, String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        LibraryFixture.readJson(recipeFile)
                            .get("loras")
                            .get(0)
                            .get("file_name")
                            .asText())
                    .isEqualTo(name));
  }
}
