package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code has_workflow} (anchor-recipes §1.2, §4.3 step 5): computed from the saved media, and
 * detected once for legacy files without the key, which are then saved with it.
 */
@QuarkusTest
class RecipeWorkflowFlagTest {

  private static final String WORKFLOW = "{\"nodes\": [], \"links\": []}";
  private static final String METADATA = "{\"gen_params\": {\"prompt\": \"a fox\"}}";

  @Inject Database database;

  private RecipeBook book;
  private RecipeRows rows;

  @BeforeEach
  void fresh() {
    book = RecipeBook.fresh();
    rows = new RecipeRows(database);
  }

  @Test
  void comfyPngSavesWithWorkflowTrueAndKeepsTheWorkflowChunk() {
    byte[] png =
        ImageFixtures.png()
            .text("prompt", "{\"3\": {\"class_type\": \"KSampler\"}}")
            .text("workflow", WORKFLOW)
            .build();

    String id = save("comfy.png", png);

    ObjectNode stored = LibraryFixture.readJson(book.jsonOf(id));
    assertThat(stored.get("has_workflow").asBoolean()).isTrue();
    assertThat(rows.json(id)).contains("\"has_workflow\":true");
    given()
        .get("/api/lm/recipe/" + id)
        .then()
        .statusCode(200)
        .body("has_workflow", org.hamcrest.Matchers.equalTo(true));
    assertThat(
            new String(
                LibraryFixture.read(book.root().resolve(id + ".png")), StandardCharsets.ISO_8859_1))
        .contains("workflow\0" + WORKFLOW);
  }

  @Test
  void jpegWithWorkflowDescriptionSavesWithWorkflowTrue() {
    byte[] jpeg = ImageFixtures.jpeg(null, "Workflow:" + WORKFLOW, ByteOrder.BIG_ENDIAN);

    String id = save("comfy.jpg", jpeg);

    assertThat(LibraryFixture.readJson(book.jsonOf(id)).get("has_workflow").asBoolean()).isTrue();
  }

  @Test
  void plainImageAndVideoSaveWithWorkflowFalse() {
    String png = save("plain.png", LibraryFixture.PNG);
    String video = save("clip.mp4", CivitaiFixtures.MP4);

    assertThat(LibraryFixture.readJson(book.jsonOf(png)).get("has_workflow").asBoolean()).isFalse();
    assertThat(LibraryFixture.readJson(book.jsonOf(video)).get("has_workflow").asBoolean())
        .isFalse();
  }

  @Test
  void legacyFileWithoutTheKeyIsDetectedAndSaved() {
    ObjectNode comfy = RecipeBook.recipe("11111111-0000-4000-8000-000000000001", "Comfy");
    ObjectNode plain = RecipeBook.recipe("11111111-0000-4000-8000-000000000002", "Plain");
    Path comfyJson = book.write("", comfy);
    book.write("sub", plain);
    LibraryFixture.write(
        book.root().resolve(comfy.get("id").asText() + ".png"),
        ImageFixtures.png().text("workflow", WORKFLOW).build());

    book.rescan();

    ObjectNode comfyStored = LibraryFixture.readJson(comfyJson);
    assertThat(comfyStored.get("has_workflow").asBoolean()).isTrue();
    assertThat(comfyStored.get("title").asText()).isEqualTo("Comfy");
    ObjectNode plainStored =
        LibraryFixture.readJson(
            book.root().resolve("sub/" + plain.get("id").asText() + ".recipe.json"));
    assertThat(plainStored.get("has_workflow").asBoolean()).isFalse();
    assertThat(rows.json(comfy.get("id").asText())).contains("\"has_workflow\":true");
    given()
        .get("/api/lm/recipe/" + comfy.get("id").asText())
        .then()
        .body("has_workflow", org.hamcrest.Matchers.equalTo(true));
  }

  @Test
  void rowCachedWithoutTheKeyIsReadAgainFromItsFile() throws Exception {
    ObjectNode legacy = RecipeBook.recipe("11111111-0000-4000-8000-000000000003", "Legacy");
    legacy.put("has_workflow", false);
    Path json = book.write("", legacy);
    LibraryFixture.write(
        book.root().resolve(legacy.get("id").asText() + ".png"),
        ImageFixtures.png().text("workflow", WORKFLOW).build());
    book.rescan();
    // As an older server left it: file and row without the key, the row's stamp matching the file.
    legacy.remove("has_workflow");
    byte[] content = legacy.toPrettyString().getBytes(StandardCharsets.UTF_8);
    LibraryFixture.write(json, content);
    FileTime stamp = FileTime.fromMillis(1_700_000_000_000L);
    Files.setLastModifiedTime(json, stamp);
    database.write(
        c -> {
          try (var update =
              c.prepareStatement(
                  "UPDATE recipes SET json = ?, file_mtime = ?, file_size = ? WHERE recipe_id = ?")) {
            update.setString(1, legacy.toString());
            update.setLong(2, stamp.toMillis());
            update.setLong(3, content.length);
            update.setString(4, legacy.get("id").asText());
            return update.executeUpdate();
          }
        });

    book.rescan();

    assertThat(LibraryFixture.readJson(json).get("has_workflow").asBoolean()).isTrue();
    assertThat(rows.json(legacy.get("id").asText())).contains("\"has_workflow\":true");
  }

  private String save(String name, byte[] media) {
    return given()
        .multiPart("image", name, media, "application/octet-stream")
        .multiPart("name", "Saved " + name)
        .multiPart("metadata", METADATA)
        .post("/api/lm/recipes/save")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("recipe_id");
  }
}
