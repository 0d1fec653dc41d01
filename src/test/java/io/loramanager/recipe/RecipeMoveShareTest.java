package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.loramanager.storage.Database;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PngTextChunks;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Moving recipes between folders of the recipes root, and sharing their images. */
@QuarkusTest
class RecipeMoveShareTest {

  @Inject Database database;

  private RecipeBook book;
  private String id;

  @BeforeEach
  void fresh() {
    book = RecipeBook.fresh();
    id = RecipeBook.saveOk("Bad\rTitle\n../", "{}", null);
  }

  @Test
  void moveTakesJsonAndMediaIntoTheFolderAndUpdatesPathAndFolder() {
    Path target = book.root().resolve("portraits/new");
    given()
        .contentType(ContentType.JSON)
        .body("{\"recipe_id\": \"" + id + "\", \"target_path\": \"portraits/new\"}")
        .post("/api/lm/recipe/move")
        .then()
        .statusCode(200)
        .body("success", equalTo(true))
        .body("recipe_id", equalTo(id))
        .body(
            "original_file_path", equalTo(LibraryFixture.slashes(book.root().resolve(id + ".png"))))
        .body("new_file_path", equalTo(LibraryFixture.slashes(target.resolve(id + ".png"))))
        .body("json_path", equalTo(LibraryFixture.slashes(target.resolve(id + ".recipe.json"))))
        .body("folder", equalTo("portraits/new"));

    assertThat(book.jsonOf(id)).doesNotExist();
    assertThat(book.root().resolve(id + ".png")).doesNotExist();
    var stored = LibraryFixture.readJson(target.resolve(id + ".recipe.json"));
    assertThat(stored.get("file_path").asText()).isEqualTo(target.resolve(id + ".png").toString());
    assertThat(stored.get("folder").asText()).isEqualTo("portraits/new");
    assertThat(PngTextChunks.withoutText(LibraryFixture.read(target.resolve(id + ".png"))))
        .isEqualTo(LibraryFixture.PNG);
    assertThat(new RecipeRows(database).rows())
        .containsExactly(id + "|" + target.resolve(id + ".recipe.json"));
    given().get("/api/lm/recipes?folder=portraits").then().body("items.id", contains(id));

    given()
        .contentType(ContentType.JSON)
        .body("{\"recipe_id\": \"" + id + "\", \"target_path\": \"" + target + "\"}")
        .post("/api/lm/recipe/move")
        .then()
        .statusCode(200)
        .body("message", equalTo("Recipe is already in the target folder"));
  }

  @Test
  void moveKeepsKeysItDoesNotKnow() {
    book.write("", RecipeBook.withForeignKeys(RecipeBook.recipe("custom", "Custom")));
    book.rescan();

    given()
        .contentType(ContentType.JSON)
        .body("{\"recipe_id\": \"custom\", \"target_path\": \"elsewhere\"}")
        .post("/api/lm/recipe/move")
        .then()
        .statusCode(200);

    var stored = LibraryFixture.readJson(book.root().resolve("elsewhere/custom.recipe.json"));
    assertThat(stored.get("folder").asText()).isEqualTo("elsewhere");
    assertThat(RecipeBook.foreignKeysOf(stored)).isEqualTo("\"kept\",{\"a\":1}");
  }

  @Test
  void moveBulkReportsEachRecipe() {
    String other = RecipeBook.saveOk("Other", "{}", null);
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"recipe_ids\": [\""
                + id
                + "\", \"nope\", \""
                + other
                + "\"], \"target_path\": \""
                + LibraryFixture.slashes(book.root().resolve("b"))
                + "\"}")
        .post("/api/lm/recipes/move-bulk")
        .then()
        .statusCode(200)
        .body("success_count", equalTo(2))
        .body("failure_count", equalTo(1))
        .body("message", equalTo("Moved 2 of 3 recipes"))
        .body("results.recipe_id", contains(id, "nope", other))
        .body("results.success", contains(true, false, true))
        .body("results[1].error", equalTo("Recipe not found"));
    assertThat(book.root().resolve("b").resolve(other + ".recipe.json")).exists();
  }

  @Test
  void moveRefusesToOverwriteAFileInTheTarget() {
    LibraryFixture.write(
        book.root().resolve("taken").resolve(id + ".recipe.json"), "{}".getBytes());
    given()
        .contentType(ContentType.JSON)
        .body("{\"recipe_id\": \"" + id + "\", \"target_path\": \"taken\"}")
        .post("/api/lm/recipe/move")
        .then()
        .statusCode(409)
        .body("error", startsWith("Cannot move recipe " + id + ": "));
    assertThat(book.jsonOf(id)).exists();
    assertThat(book.root().resolve(id + ".png")).exists();
  }

  @Test
  void shareGivesATemporaryDownloadWithASafeName() {
    given()
        .get("/api/lm/recipe/" + id + "/share")
        .then()
        .statusCode(200)
        .body("filename", equalTo("recipe_bad_title.png"))
        .body("download_url", startsWith("/api/lm/recipe/" + id + "/share/download?t="));

    byte[] body =
        given()
            .get("/api/lm/recipe/" + id + "/share/download")
            .then()
            .statusCode(200)
            .header("Content-Disposition", "attachment; filename=\"recipe_bad_title.png\"")
            .extract()
            .asByteArray();
    assertThat(PngTextChunks.withoutText(body)).isEqualTo(LibraryFixture.PNG);
    assertThat(PngTextChunks.text(body, "parameters"))
        .get()
        .asString()
        .startsWith("Recipe metadata: ");
  }

  @Test
  void slugFallsBackToTheIdThenRecipe() {
    assertThat(RecipeSharing.slug("Été à Paris!", "x")).isEqualTo("ete_a_paris");
    assertThat(RecipeSharing.slug("日本", "ABC-1")).isEqualTo("abc-1");
    assertThat(RecipeSharing.slug("", "…")).isEqualTo("recipe");
  }
}
