package io.loramanager.recipe;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PngTextChunks;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** save → list → search → update → delete → undo, through HTTP, on files, SQLite and FTS. */
@QuarkusTest
class RecipeFlowTest {

  static final String METADATA =
      """
      {"base_model": "SDXL 1.0",
       "loras": [{"name": "Fox Detail XL", "version": "v2", "id": 555001,
                  "file_name": "fox_detail_xl", "hash": "9F1E33", "weight": 0.7,
                  "existsLocally": true, "thumbnailUrl": "https://x/y.jpg"}],
       "gen_params": {"prompt": "a red fox in snow", "negative_prompt": "blurry",
                      "steps": 30, "sampler": "Euler a", "cfg_scale": 4.0, "seed": 987654321,
                      "size": "1024x1024", "clip_skip": "2", "vae": "dropped", "seed_extra": null},
       "checkpoint": {"id": 128078, "modelId": 101055, "name": "SD XL", "type": "checkpoint",
                      "existsLocally": false, "downloadUrl": "https://x"},
       "source_path": "https://civitai.com/images/12345678",
       "preview_nsfw_level": 1}
      """;

  @Inject Database database;

  private RecipeBook book;
  private RecipeRows rows;

  @BeforeEach
  void fresh() {
    book = RecipeBook.fresh();
    rows = new RecipeRows(database);
  }

  @Test
  void saveWritesTheRecipeFileMediaRowAndIndex() {
    String id = RecipeBook.saveOk("Red fox in snow", METADATA, "[\"animal\",\"winter\"]");

    Path json = book.jsonOf(id);
    Path media = book.root().resolve(id + ".png");
    byte[] image = LibraryFixture.read(media);
    assertThat(PngTextChunks.withoutText(image)).isEqualTo(LibraryFixture.PNG);
    // The recipe is embedded as the reference does, so the image re-imports elsewhere.
    assertThat(PngTextChunks.text(image, "parameters"))
        .contains(
            "Recipe metadata: {\"title\":\"Red fox in snow\",\"base_model\":\"SDXL 1.0\","
                + "\"loras\":[{\"file_name\":\"fox_detail_xl\",\"hash\":\"9f1e33\","
                + "\"strength\":0.7,\"modelVersionId\":555001,\"modelName\":\"Fox Detail XL\","
                + "\"modelVersionName\":\"v2\"}],\"gen_params\":{\"prompt\":\"a red fox in snow\","
                + "\"negative_prompt\":\"blurry\",\"steps\":30,\"sampler\":\"Euler a\","
                + "\"cfg_scale\":4.0,\"seed\":987654321,\"size\":\"1024x1024\",\"clip_skip\":\"2\"},"
                + "\"tags\":[\"animal\",\"winter\"],\"checkpoint\":{\"type\":\"checkpoint\","
                + "\"modelId\":101055,\"modelVersionId\":128078,\"modelName\":\"SD XL\","
                + "\"modelVersionName\":\"\",\"hash\":\"\",\"file_name\":\"\",\"baseModel\":\"\"}}");
    ObjectNode stored = LibraryFixture.readJson(json);
    assertThat(stored.get("id").asText()).isEqualTo(id);
    assertThat(stored.get("file_path").asText()).isEqualTo(media.toString());
    assertThat(stored.get("title").asText()).isEqualTo("Red fox in snow");
    assertThat(stored.get("loras").toString())
        .isEqualTo(
            "[{\"file_name\":\"fox_detail_xl\",\"hash\":\"9f1e33\",\"strength\":0.7,"
                + "\"modelVersionId\":555001,\"modelName\":\"Fox Detail XL\","
                + "\"modelVersionName\":\"v2\",\"isDeleted\":false,\"exclude\":false}]");
    assertThat(stored.get("gen_params").toString())
        .isEqualTo(
            "{\"prompt\":\"a red fox in snow\",\"negative_prompt\":\"blurry\",\"steps\":30,"
                + "\"sampler\":\"Euler a\",\"cfg_scale\":4.0,\"seed\":987654321,"
                + "\"size\":\"1024x1024\",\"clip_skip\":\"2\"}");
    assertThat(stored.get("fingerprint").asText()).isEqualTo("9f1e33:0.7");
    assertThat(stored.get("checkpoint").toString())
        .isEqualTo("{\"id\":128078,\"modelId\":101055,\"name\":\"SD XL\",\"type\":\"checkpoint\"}");
    assertThat(stored.get("tags").toString()).isEqualTo("[\"animal\",\"winter\"]");
    assertThat(stored.get("source_path").asText()).isEqualTo("https://civitai.com/images/12345678");
    assertThat(stored.get("preview_nsfw_level").asInt()).isEqualTo(1);
    assertThat(stored.get("folder").asText()).isEmpty();
    assertThat(rows.rows()).containsExactly(id + "|" + json);
    assertThat(rows.indexed(id)).isEqualTo("Red fox in snow|a red fox in snow");
  }

  @Test
  void savedRecipeIsListedSearchableUpdatedDeletedAndRestored() {
    String fox = RecipeBook.saveOk("Red fox in snow", METADATA, "[\"animal\"]");
    String cat = RecipeBook.saveOk("Cute cat", "{\"gen_params\": {\"prompt\": \"a cat\"}}", null);

    given()
        .get("/api/lm/recipes?sort_by=name")
        .then()
        .statusCode(200)
        .body("items.id", contains(cat, fox))
        .body("total", equalTo(2))
        .body("total_pages", equalTo(1));
    given().get("/api/lm/recipes?search=fox").then().body("items.id", contains(fox));
    given()
        .queryParam("search", "snow fox")
        .get("/api/lm/recipes")
        .then()
        .body("items.id", contains(fox));
    given()
        .get("/api/lm/recipes?search=cat&search_prompt=false")
        .then()
        .body("items.id", contains(cat));
    given().get("/api/lm/recipes?search=dog").then().body("items", empty());

    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"Arctic dog\", \"favorite\": true, \"unknown\": 1}")
        .put("/api/lm/recipe/" + fox + "/update")
        .then()
        .statusCode(200)
        .body("recipe_id", equalTo(fox))
        .body("updates.title", equalTo("Arctic dog"))
        .body("updates.favorite", equalTo(true));
    ObjectNode updated = LibraryFixture.readJson(book.jsonOf(fox));
    assertThat(updated.get("title").asText()).isEqualTo("Arctic dog");
    assertThat(updated.get("favorite").asBoolean()).isTrue();
    assertThat(updated.has("unknown")).isFalse();
    assertThat(rows.indexed(fox)).isEqualTo("Arctic dog|a red fox in snow");
    given()
        .get("/api/lm/recipes?search=dog&search_prompt=false")
        .then()
        .body("items.id", contains(fox));
    given().get("/api/lm/recipes?search=red&search_prompt=false").then().body("items", empty());
    given().get("/api/lm/recipes?favorite=true").then().body("items.id", contains(fox));

    String batch =
        given()
            .delete("/api/lm/recipe/" + fox)
            .then()
            .statusCode(200)
            .body("success", equalTo(true))
            .body("message", equalTo("Recipe deleted successfully"))
            .extract()
            .jsonPath()
            .getString("batch_id");
    assertThat(book.jsonOf(fox)).doesNotExist();
    assertThat(book.root().resolve(fox + ".png")).doesNotExist();
    Path staged = book.root().resolve(".lm-pending-delete").resolve(batch);
    assertThat(staged.resolve(fox + ".recipe.json")).exists();
    assertThat(LibraryFixture.readJson(staged.resolve("manifest.json")).get("kind").asText())
        .isEqualTo("recipe");
    assertThat(rows.json(fox)).isNull();
    assertThat(rows.indexed(fox)).isNull();
    given().get("/api/lm/recipes?search=dog").then().body("items", empty());
    assertError(given().get("/api/lm/recipe/" + fox), 404, "Recipe not found");

    RecipeBook.undo(batch)
        .then()
        .statusCode(200)
        .body("kind", equalTo("recipe"))
        .body(
            "restored",
            org.hamcrest.Matchers.containsInAnyOrder(
                LibraryFixture.slashes(book.jsonOf(fox)),
                LibraryFixture.slashes(book.root().resolve(fox + ".png"))));
    assertThat(book.jsonOf(fox)).exists();
    assertThat(staged).doesNotExist();
    assertThat(rows.indexed(fox)).isEqualTo("Arctic dog|a red fox in snow");
    given()
        .get("/api/lm/recipe/" + fox)
        .then()
        .statusCode(200)
        .body("title", equalTo("Arctic dog"));
    given().get("/api/lm/recipes?search=arctic").then().body("items.id", contains(fox));
  }

  @Test
  void bulkDeleteStagesEveryKnownRecipeInOneBatchAndReportsUnknownIds() {
    String a = RecipeBook.saveOk("A", "{}", null);
    String b = RecipeBook.saveOk("B", "{}", null);

    var body =
        given()
            .contentType(ContentType.JSON)
            .body("{\"recipe_ids\": [\"" + a + "\", \"nope\", \"" + b + "\"]}")
            .post("/api/lm/recipes/bulk-delete")
            .then()
            .statusCode(200)
            .body("deleted", contains(a, b))
            .body("failed", contains(java.util.Map.of("id", "nope", "reason", "Recipe not found")))
            .body("total_deleted", equalTo(2))
            .body("total_failed", equalTo(1))
            .extract()
            .jsonPath();
    assertThat(rows.rows()).isEmpty();
    assertThat(rows.indexSize()).isZero();

    RecipeBook.undo(body.getString("batch_id")).then().statusCode(200);
    assertThat(rows.rows()).hasSize(2);
    given().get("/api/lm/recipes").then().body("total", equalTo(2));
  }

  @Test
  void bulkDeleteWithNoIdsIs400() {
    assertError(
        given()
            .contentType(ContentType.JSON)
            .body("{\"recipe_ids\": []}")
            .post("/api/lm/recipes/bulk-delete"),
        400,
        "No recipe IDs provided");
    assertThat(List.of()).isEmpty();
  }

  @Test
  void matchingRecipesNamesEarlierRecipesWithTheSameLoraSet() {
    String first = RecipeBook.saveOk("One", METADATA, null);
    given()
        .multiPart("image", "x.png", LibraryFixture.PNG, "image/png")
        .multiPart("name", "Two")
        .multiPart("metadata", METADATA)
        .post("/api/lm/recipes/save")
        .then()
        .statusCode(200)
        .body("matching_recipes", contains(first));
    assertThat(Files.exists(book.jsonOf(first))).isTrue();
  }
}
