package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /recipe/{id}/update} on recipe files written by hand or by another program. */
@QuarkusTest
class RecipeUpdateTest {

  @Inject Database database;

  private RecipeBook book;

  @BeforeEach
  void fresh() {
    book = RecipeBook.fresh();
  }

  @Test
  void updateOfARecipeWhoseImageCannotBeRewrittenStillUpdatesFileRowAndIndex() {
    Path json = book.write("", RecipeBook.recipe("broken", "Old title"));
    Path media = book.root().resolve("broken.png");
    byte[] cut = Arrays.copyOf(LibraryFixture.PNG, LibraryFixture.PNG.length - 20);
    LibraryFixture.write(media, cut);
    book.rescan();

    update("broken", "{\"title\": \"New title\"}")
        .then()
        .statusCode(200)
        .body("success", equalTo(true))
        .body("updates.title", equalTo("New title"));

    assertThat(LibraryFixture.readJson(json).get("title").asText()).isEqualTo("New title");
    assertThat(new RecipeRows(database).indexed("broken")).isEqualTo("New title|");
    assertThat(media).hasBinaryContent(cut);
    given()
        .get("/api/lm/recipes?search=new&search_prompt=false")
        .then()
        .body("items.id", contains("broken"));
  }

  @Test
  void updateKeepsKeysItDoesNotKnow() {
    Path json =
        book.write("", RecipeBook.withForeignKeys(RecipeBook.recipe("custom", "Old title")));
    book.rescan();

    update("custom", "{\"title\": \"New title\"}").then().statusCode(200);

    ObjectNode stored = LibraryFixture.readJson(json);
    assertThat(stored.get("title").asText()).isEqualTo("New title");
    assertThat(RecipeBook.foreignKeysOf(stored)).isEqualTo("\"kept\",{\"a\":1}");
  }

  static Response update(String id, String body) {
    return given().contentType(ContentType.JSON).body(body).put("/api/lm/recipe/" + id + "/update");
  }
}
