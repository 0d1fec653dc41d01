package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shapes of a recipe (anchor-api §2.4) and of the recipe list page, pinned as approved
 * snapshots. The library path is scrubbed to {@code <LIBRARY>}; the local-time dates are checked
 * against the machine's zone, then replaced by a marker.
 */
@QuarkusTest
class RecipeJsonSnapshotTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecipeBook book;

  @BeforeEach
  void book() {
    book = RecipeBook.fresh();
    LibraryFixture library = book.library();
    Path fox = library.modelWithSidecar(library.loras(), "animals/fox.safetensors", s -> {});
    TestLibrary.scanAll();
    ObjectNode recipe =
        RecipeBook.recipe("f8bd1983-0000-4000-8000-000000000aff", "Red fox in snow");
    recipe.put("modified", 1795558405.822568);
    recipe.put("created_date", 1795558405.822568);
    RecipeBook.lora(recipe, "fox_detail_xl", LibraryFixture.sha256(LibraryFixture.read(fox)), 0.7);
    ObjectNode missing = RecipeBook.lora(recipe, "gone", "", 1.0);
    missing.put("modelVersionId", 555002);
    missing.put("isDeleted", true);
    ObjectNode params = (ObjectNode) recipe.get("gen_params");
    params.put("prompt", "a red fox in snow <lora:fox_detail_xl:0.7>");
    params.put("Negative prompt", "blurry");
    params.put("steps", 30);
    params.put("cfg", 4.0);
    recipe.put("fingerprint", "x:0.7");
    recipe.putArray("tags").add("animal").add("winter");
    ObjectNode checkpoint = recipe.putObject("checkpoint");
    checkpoint.put("id", 128078);
    checkpoint.put("name", "SD XL");
    checkpoint.put("hash", "e6bb22");
    recipe.put("source_path", "https://civitai.com/images/12345678");
    recipe.put("has_workflow", false);
    recipe.put("custom_key", "kept");
    book.write("", recipe);
    book.rescan();
  }

  @Test
  void recipe() {
    verify(given().get("/api/lm/recipe/f8bd1983-0000-4000-8000-000000000aff").asString());
  }

  @Test
  void listPage() {
    verify(given().get("/api/lm/recipes?page_size=5").asString());
  }

  private void verify(String body) {
    try {
      JsonNode tree = JSON.readTree(body);
      scrubDates(tree);
      JsonSnapshots.verify(tree.toString(), book.library());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void scrubDates(JsonNode node) {
    if (node instanceof ObjectNode object && object.has("modified_formatted")) {
      String expected =
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
              .format(Instant.ofEpochMilli(1795558405822L).atZone(ZoneId.systemDefault()));
      assertThat(object.get("modified_formatted").asText()).isEqualTo(expected);
      assertThat(object.get("created_date_formatted").asText()).isEqualTo(expected);
      object.put("modified_formatted", "<local time>");
      object.put("created_date_formatted", "<local time>");
    }
    node.forEach(RecipeJsonSnapshotTest::scrubDates);
  }
}
