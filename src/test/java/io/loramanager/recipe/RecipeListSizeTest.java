package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code width} and {@code height} of list items (anchor-recipes §4.1 step 6): read from the
 * preview's header, omitted for videos and unreadable media, never on {@code get} and never written
 * to the recipe file or its row.
 */
@QuarkusTest
class RecipeListSizeTest {

  /** A 480 x 720 extended WebP header. */
  private static final byte[] WEBP =
      HexFormat.of().parseHex("524946461600000057454250565038580a00000000000000df0100cf0200");

  @Inject Database database;

  private RecipeBook book;

  @BeforeEach
  void fresh() {
    book = RecipeBook.fresh();
  }

  @Test
  void listItemsCarryThePreviewSizeWhenItCanBeRead() {
    ObjectNode png = RecipeBook.recipe("22222222-0000-4000-8000-000000000001", "A png");
    ObjectNode webp = RecipeBook.recipe("22222222-0000-4000-8000-000000000002", "B webp");
    ObjectNode video = RecipeBook.recipe("22222222-0000-4000-8000-000000000003", "C video");
    ObjectNode broken = RecipeBook.recipe("22222222-0000-4000-8000-000000000004", "D broken");
    ObjectNode missing = RecipeBook.recipe("22222222-0000-4000-8000-000000000005", "E missing");
    for (ObjectNode recipe : new ObjectNode[] {png, webp, video, broken, missing}) {
      recipe.put("has_workflow", false);
    }
    book.write("", png);
    media(webp, ".webp", WEBP);
    media(video, ".mp4", CivitaiFixtures.MP4);
    media(broken, ".jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0});
    missing.put("file_path", book.root().resolve("gone.png").toString());
    Path missingJson = book.write("", missing);
    LibraryFixture.deleteTree(book.root().resolve(missing.get("id").asText() + ".png"));
    book.rescan();

    var list = given().get("/api/lm/recipes?sort_by=name").then().statusCode(200);
    list.body("items.title", contains("A png", "B webp", "C video", "D broken", "E missing"))
        .body("items[0].width", org.hamcrest.Matchers.equalTo(1))
        .body("items[0].height", org.hamcrest.Matchers.equalTo(1))
        .body("items[1].width", org.hamcrest.Matchers.equalTo(480))
        .body("items[1].height", org.hamcrest.Matchers.equalTo(720))
        .body("items[2]", not(hasKey("width")))
        .body("items[2]", not(hasKey("height")))
        .body("items[3]", not(hasKey("width")))
        .body("items[4]", not(hasKey("width")));

    given()
        .get("/api/lm/recipe/" + webp.get("id").asText())
        .then()
        .statusCode(200)
        .body("$", not(hasKey("width")))
        .body("$", not(hasKey("height")));
    ObjectNode stored = LibraryFixture.readJson(book.jsonOf(webp.get("id").asText()));
    assertThat(stored.has("width")).isFalse();
    assertThat(stored.has("height")).isFalse();
    assertThat(new RecipeRows(database).json(webp.get("id").asText())).doesNotContain("width");
    assertThat(LibraryFixture.readJson(missingJson).has("width")).isFalse();
  }

  @Test
  void replacedMediaShowsItsNewSize() {
    ObjectNode recipe = RecipeBook.recipe("22222222-0000-4000-8000-000000000006", "Replaced");
    recipe.put("has_workflow", false);
    Path media = media(recipe, ".webp", WEBP);
    book.rescan();
    given()
        .get("/api/lm/recipes")
        .then()
        .body("items[0].width", org.hamcrest.Matchers.equalTo(480));

    LibraryFixture.write(media, LibraryFixture.PNG);

    given()
        .get("/api/lm/recipes")
        .then()
        .body("items[0].width", org.hamcrest.Matchers.equalTo(1))
        .body("items[0].height", org.hamcrest.Matchers.equalTo(1));
  }

  /** Writes the recipe with media of the given bytes and extension; returns the media path. */
  private Path media(ObjectNode recipe, String extension, byte[] content) {
    Path media = book.root().resolve(recipe.get("id").asText() + extension);
    LibraryFixture.write(media, content);
    recipe.put("file_path", media.toString());
    book.write("", recipe);
    return media;
  }
}
