package io.loramanager.recipe;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.storage.Database;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PngTextChunks;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way a recipe request can be wrong: a JSON error and nothing changed on disk. */
@QuarkusTest
class RecipeErrorsTest {

  @Inject Database database;

  private RecipeBook book;
  private String id;

  @BeforeEach
  void fresh() {
    book = RecipeBook.fresh();
    id = RecipeBook.saveOk("Kept", "{}", null);
  }

  @Test
  void unknownRecipeIdsAre404() {
    assertError(given().get("/api/lm/recipe/nope"), 404, "Recipe not found");
    assertError(given().delete("/api/lm/recipe/nope"), 404, "Recipe not found");
    assertError(given().get("/api/lm/recipe/nope/syntax"), 404, "Recipe not found");
    assertError(given().get("/api/lm/recipe/nope/share"), 404, "Recipe not found");
    assertError(
        given().get("/api/lm/recipe/nope/share/download"),
        404,
        "Shared recipe expired or not found");
    assertError(
        given()
            .contentType(ContentType.JSON)
            .body("{\"title\": \"x\"}")
            .put("/api/lm/recipe/nope/update"),
        404,
        "Recipe not found");
    assertError(
        given()
            .contentType(ContentType.JSON)
            .body("{\"recipe_id\": \"nope\", \"target_path\": \"sub\"}")
            .post("/api/lm/recipe/move"),
        404,
        "Recipe not found");
    assertUnchanged();
  }

  @Test
  void badUpdateBodiesAre400() {
    assertError(update("[]"), 400, "Request body must be a JSON object");
    assertError(
        update("{\"other\": 1}"),
        400,
        "At least one of title, tags, source_path, preview_nsfw_level, favorite, gen_params,"
            + " base_model is required");
    assertError(update("{\"gen_params\": \"x\"}"), 400, "gen_params must be an object");
    assertError(update("{\"tags\": [1]}"), 400, "tags must be a list of strings");
    assertError(update("{\"favorite\": \"yes\"}"), 400, "favorite must be true or false");
    assertError(
        update("{\"preview_nsfw_level\": 1.5}"), 400, "preview_nsfw_level must be a whole number");
    assertError(update("{\"title\": 3}"), 400, "title must be a string");
    assertUnchanged();
  }

  @Test
  void badSaveFormsAre400AndSaveNothing() {
    assertError(RecipeBook.save(null, null, null), 400, "Missing required fields: name, metadata");
    assertError(RecipeBook.save("x", null, null), 400, "Missing required fields: metadata");
    assertError(
        RecipeBook.save("x", "{oops", null),
        400,
        "metadata is not valid JSON: Unexpected character ('o' (code 111)): was expecting"
            + " double-quote to start field name");
    assertError(RecipeBook.save("x", "[1]", null), 400, "metadata must be a JSON object");
    assertError(RecipeBook.save("x", "{}", "{}"), 400, "tags must be a JSON list of strings");
    assertError(
        given().multiPart("name", "x").multiPart("metadata", "{}").post("/api/lm/recipes/save"),
        400,
        "No image data provided");
    assertError(
        given()
            .multiPart("name", "x")
            .multiPart("metadata", "{}")
            .multiPart("image_base64", "***")
            .post("/api/lm/recipes/save"),
        400,
        "image_base64 is not valid base64: Illegal base64 character 2a");
    assertUnchanged();
  }

  @Test
  void nonImageUploadIs400() {
    assertError(
        given()
            .multiPart("image", "fake.png", "just text, not an image".getBytes(), "image/png")
            .multiPart("name", "x")
            .multiPart("metadata", "{}")
            .post("/api/lm/recipes/save"),
        400,
        "The uploaded file is not an image or video this server keeps (PNG, JPEG, WebP, GIF,"
            + " MP4 or WebM)");
    assertUnchanged();
  }

  @Test
  void truncatedPngIs400AndSavesNothing() {
    byte[] whole = ImageFixtures.png().text("parameters", "a fox\nSteps: 20").build();
    assertError(
        saveImage("cut.png", Arrays.copyOf(whole, whole.length - 20)),
        400,
        "The PNG is truncated; its text cannot be rewritten");
    assertUnchanged();
  }

  @Test
  void truncatedJpegIs400AndSavesNothing() {
    byte[] whole =
        ImageFixtures.jpeg(
            ImageFixtures.unicodeComment("a fox\nSteps: 20", ByteOrder.BIG_ENDIAN),
            null,
            ByteOrder.BIG_ENDIAN);
    assertError(
        saveImage("cut.jpg", Arrays.copyOf(whole, 40)), // inside the EXIF segment
        400,
        "The image cannot be read: End of data reached.");
    assertUnchanged();
  }

  @Test
  void uploadAboveTheLimitIs413() {
    byte[] big = new byte[(1 << 20) + 1];
    System.arraycopy(LibraryFixture.PNG, 0, big, 0, LibraryFixture.PNG.length);
    assertError(
        given()
            .multiPart("image", "big.png", big, "image/png")
            .multiPart("name", "x")
            .multiPart("metadata", "{}")
            .post("/api/lm/recipes/save"),
        413,
        "The image is 1048577 bytes; recipes accept at most 1048576 bytes"
            + " (lm.recipes.max-upload-bytes)");
    assertUnchanged();
  }

  @Test
  void base64DataUrlImagesAreAccepted() {
    String data =
        "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(LibraryFixture.PNG);
    String saved =
        given()
            .multiPart("name", "From base64")
            .multiPart("metadata", "{}")
            .multiPart("image_base64", data)
            .post("/api/lm/recipes/save")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("recipe_id");
    assertThat(PngTextChunks.withoutText(LibraryFixture.read(book.root().resolve(saved + ".png"))))
        .isEqualTo(LibraryFixture.PNG);
  }

  @Test
  void movesOutsideTheRecipesFolderAre400() {
    String outside = book.library().dir().resolve("elsewhere").toString();
    assertError(
        move("{\"recipe_id\": \"" + id + "\", \"target_path\": \"" + outside + "\"}"),
        400,
        "target_path '" + outside + "' is outside the recipes folder " + slashes(book.root()));
    assertError(
        move("{\"recipe_id\": \"" + id + "\", \"target_path\": \"../..\"}"),
        400,
        "target_path '../..' is outside the recipes folder " + slashes(book.root()));
    Path link = book.root().resolve("escape");
    LibraryFixture.symlink(link, book.library().dir());
    assertError(
        move("{\"recipe_id\": \"" + id + "\", \"target_path\": \"escape\"}"),
        400,
        "target_path 'escape' is outside the recipes folder " + slashes(book.root()));
    assertError(move("{\"recipe_id\": \"" + id + "\"}"), 400, "target_path is required");
    assertError(
        given()
            .contentType(ContentType.JSON)
            .body("{\"recipe_ids\": [\"" + id + "\"], \"target_path\": \"/\"}")
            .post("/api/lm/recipes/move-bulk"),
        400,
        "target_path '/' is outside the recipes folder " + slashes(book.root()));
    assertThat(book.jsonOf(id)).exists();
    assertThat(book.library().dir().resolve("elsewhere")).doesNotExist();
  }

  @Test
  void queriesWithBadNumbersOrMissingHashesAre400() {
    assertError(
        given().get("/api/lm/recipes?page=x"), 400, "Invalid page: 'x' is not a whole number");
    assertError(
        given().get("/api/lm/recipes?page=0"), 400, "page and page_size must be at least 1");
    assertError(given().get("/api/lm/recipes/for-lora"), 400, "hash is required");
    assertError(given().get("/api/lm/recipes/for-checkpoint?hash="), 400, "hash is required");
    assertError(
        given().get("/api/lm/recipes/top-tags?limit=many"),
        400,
        "Invalid limit: 'many' is not a whole number");
  }

  @Test
  void syntaxOfARecipeWithoutLorasIs400() {
    assertError(
        given().get("/api/lm/recipe/" + id + "/syntax"), 400, "No LoRAs found in this recipe");
  }

  private static io.restassured.response.Response saveImage(String name, byte[] image) {
    return given()
        .multiPart("image", name, image, "application/octet-stream")
        .multiPart("name", "x")
        .multiPart("metadata", "{}")
        .post("/api/lm/recipes/save");
  }

  private String currentId;

  private io.restassured.response.Response update(String body) {
    currentId = id;
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/lm/recipe/" + currentId + "/update");
  }

  private io.restassured.response.Response move(String body) {
    return given().contentType(ContentType.JSON).body(body).post("/api/lm/recipe/move");
  }

  private static String slashes(Path path) {
    return LibraryFixture.slashes(path);
  }

  /** Only the one recipe saved in set-up is on disk, untouched, and in SQLite. */
  private void assertUnchanged() {
    try (Stream<Path> files = Files.list(book.root())) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of(id + ".png", id + ".recipe.json"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(LibraryFixture.readJson(book.jsonOf(id)).get("title").asText()).isEqualTo("Kept");
    assertThat(new RecipeRows(database).rows()).containsExactly(id + "|" + book.jsonOf(id));
  }
}
