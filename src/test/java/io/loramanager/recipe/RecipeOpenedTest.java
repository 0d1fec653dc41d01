package io.loramanager.recipe;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.settings.LmConfig;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/lm/recipe/{id}/opened} and {@code sort_by=opened} (anchor-recipes §4.1, §4.10):
 * the stats file {@code {id: unix seconds}} merged with its disk copy (later time wins) and
 * replaced atomically; the sort keeps only opened recipes.
 */
@QuarkusTest
class RecipeOpenedTest {

  private static final String OLD = "33333333-0000-4000-8000-000000000001";
  private static final String OLDER = "33333333-0000-4000-8000-000000000002";
  private static final String FUTURE = "33333333-0000-4000-8000-000000000003";
  private static final String NOW = "33333333-0000-4000-8000-000000000004";
  private static final String NEVER = "33333333-0000-4000-8000-000000000005";

  @Inject LmConfig config;

  private RecipeBook book;
  private Path stats;

  @BeforeEach
  void fresh() {
    book = RecipeBook.fresh();
    stats = config.dataDir().resolve("stats/recipe_last_opened.json");
    for (String id : new String[] {OLD, OLDER, FUTURE, NOW, NEVER}) {
      ObjectNode recipe = RecipeBook.recipe(id, "Recipe " + id.substring(id.length() - 1));
      recipe.put("has_workflow", false);
      book.write("", recipe);
    }
    book.rescan();
  }

  @Test
  void openIsRecordedMergedWithTheDiskCopyAndSortsOnlyOpenedRecipes() throws Exception {
    // Times another server (or an earlier run) wrote; FUTURE's is later than any open now.
    LibraryFixture.write(
        stats,
        ("{\""
                + OLD
                + "\": 2000.5, \""
                + OLDER
                + "\": 1000, \""
                + FUTURE
                + "\": 4102444800.0,"
                + " \"gone\": 5.0}")
            .getBytes(StandardCharsets.UTF_8));
    double before = System.currentTimeMillis() / 1000.0;

    given()
        .post("/api/lm/recipe/" + NOW + "/opened")
        .then()
        .statusCode(200)
        .body(equalTo("{\"success\":true}"));
    given().post("/api/lm/recipe/" + FUTURE + "/opened").then().statusCode(200);

    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(stats).contains(NOW));
    double after = System.currentTimeMillis() / 1000.0;
    ObjectNode written = LibraryFixture.readJson(stats);
    assertThat(written.get(OLD).asDouble()).isEqualTo(2000.5);
    assertThat(written.get(OLDER).asDouble()).isEqualTo(1000.0);
    assertThat(written.get(FUTURE).asDouble()).isEqualTo(4102444800.0);
    assertThat(written.get("gone").asDouble()).isEqualTo(5.0);
    assertThat(written.get(NOW).asDouble()).isBetween(before - 1, after + 1);
    assertThat(Files.exists(stats.resolveSibling("recipe_last_opened.json.tmp"))).isFalse();

    given()
        .get("/api/lm/recipes?sort_by=opened")
        .then()
        .statusCode(200)
        .body("items.id", contains(FUTURE, NOW, OLD, OLDER))
        .body("total", equalTo(4));
    given()
        .get("/api/lm/recipes?sort_by=opened:asc&page_size=2&page=2")
        .then()
        .body("items.id", contains(NOW, FUTURE))
        .body("total", equalTo(4))
        .body("total_pages", equalTo(2));
    given()
        .get("/api/lm/recipes?sort_by=opened&search=nothingmatches")
        .then()
        .body("items", empty());
  }

  @Test
  void unknownRecipeOrMissingFileIs404AndNothingIsRecorded() throws Exception {
    assertError(given().post("/api/lm/recipe/nope/opened"), 404, "Recipe not found");

    Files.delete(book.jsonOf(NEVER));
    assertError(given().post("/api/lm/recipe/" + NEVER + "/opened"), 404, "Recipe not found");

    // Its own recipe: the open times of the other test live on in the server.
    String opened = "44444444-0000-4000-8000-000000000006";
    ObjectNode recipe = RecipeBook.recipe(opened, "Opened");
    recipe.put("has_workflow", false);
    book.write("", recipe);
    book.rescan();
    given().post("/api/lm/recipe/" + opened + "/opened").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(stats) && Files.readString(stats).contains(opened));
    assertThat(Files.readString(stats)).doesNotContain(NEVER).doesNotContain("nope");
  }
}
