package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.recipe.image.ImageTextReader;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A recipe saved with a JPEG or WebP image carries its recipe in the EXIF UserComment, so the saved
 * image re-imports as the recipe (anchor-recipes §2.2); a video is kept as uploaded.
 */
@QuarkusTest
class RecipeImageEmbedFlowTest {

  private static final String METADATA =
      "{\"base_model\": \"SDXL 1.0\", \"gen_params\": {\"prompt\": \"a fox\", \"steps\": 20}}";
  private static final String PAYLOAD =
      "Recipe metadata: {\"title\":\"Fox\",\"base_model\":\"SDXL 1.0\",\"loras\":[],"
          + "\"gen_params\":{\"prompt\":\"a fox\",\"steps\":20},\"tags\":[]}";
  private static final byte[] WEBP =
      Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

  @Inject ImageTextReader reader;
  @Inject Database database;

  private RecipeBook book;

  @BeforeEach
  void fresh() {
    book = RecipeBook.fresh();
  }

  @Test
  void savedJpegCarriesTheRecipeAndReimportsAsIt() throws Exception {
    String id = save("fox.jpg", jpeg());

    Path media = book.root().resolve(id + ".jpg");
    assertThat(reader.read(media).comment()).isEqualTo(PAYLOAD);
    assertThat(ImageIO.read(media.toFile()).getWidth()).isEqualTo(6);
    given()
        .multiPart("image", "again.jpg", LibraryFixture.read(media), "image/jpeg")
        .post("/api/lm/recipes/analyze-image")
        .then()
        .statusCode(200)
        .body("from_recipe_metadata", equalTo(true))
        .body("gen_params.prompt", equalTo("a fox"))
        .body("base_model", equalTo("SDXL 1.0"));
  }

  @Test
  void savedWebpCarriesTheRecipe() {
    String id = save("fox.webp", WEBP);

    assertThat(reader.read(book.root().resolve(id + ".webp")).comment()).isEqualTo(PAYLOAD);
  }

  @Test
  void savedWebmIsKeptByteForByteWithNothingEmbedded() {
    byte[] webm =
        ImageFixtures.concat(
            new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3},
            "matroska webm clip".getBytes(StandardCharsets.US_ASCII));

    String id = save("clip.webm", webm);

    Path media = book.root().resolve(id + ".webm");
    assertThat(media).hasBinaryContent(webm);
    ObjectNode stored = LibraryFixture.readJson(book.jsonOf(id));
    assertThat(stored.get("file_path").asText()).isEqualTo(media.toString());
    assertThat(stored.get("has_workflow").asBoolean()).isFalse();
    assertThat(new RecipeRows(database).rows()).containsExactly(id + "|" + book.jsonOf(id));
    given()
        .get("/api/lm/recipe/" + id)
        .then()
        .statusCode(200)
        .body("file_path", equalTo(LibraryFixture.slashes(media)));
  }

  private static String save(String name, byte[] image) {
    return given()
        .multiPart("image", name, image, "application/octet-stream")
        .multiPart("name", "Fox")
        .multiPart("metadata", METADATA)
        .post("/api/lm/recipes/save")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("recipe_id");
  }

  private static byte[] jpeg() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB), "jpg", out);
    return out.toByteArray();
  }
}
