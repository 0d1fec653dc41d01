package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search field flags of {@code GET /recipes} through HTTP: four recipes each hold the word
 * "heron" in one field only (title, tags, LoRA file name, LoRA model name), newest first.
 */
@QuarkusTest
class RecipeSearchFieldsTest {

  private static final List<String> FLAGS =
      List.of(
          "search_title", "search_tags", "search_lora_name", "search_lora_model", "search_prompt");

  @BeforeEach
  void book() {
    RecipeBook book = RecipeBook.fresh();
    ObjectNode title = recipe("in-title", "Heron at dusk", 400);
    ObjectNode tags = recipe("in-tags", "Tagged", 300);
    tags.putArray("tags").add("heron");
    ObjectNode loraName = recipe("in-lora-name", "Named", 200);
    RecipeBook.lora(loraName, "heron", "aa", 1.0).put("modelName", "Bird pack");
    ObjectNode loraModel = recipe("in-lora-model", "Modelled", 100);
    RecipeBook.lora(loraModel, "bird", "bb", 1.0).put("modelName", "Heron pack");
    for (ObjectNode recipe : List.of(title, tags, loraName, loraModel)) {
      book.write("", recipe);
    }
    book.rescan();
  }

  @Test
  void everyFieldIsSearchedByDefault() {
    assertThat(ids(given()))
        .containsExactly("in-title", "in-tags", "in-lora-name", "in-lora-model");
  }

  @Test
  void eachFlagAloneFindsOnlyTheRecipeWithTheWordInItsField() {
    assertThat(ids(only("search_title"))).containsExactly("in-title");
    assertThat(ids(only("search_tags"))).containsExactly("in-tags");
    assertThat(ids(only("search_lora_name"))).containsExactly("in-lora-name");
    assertThat(ids(only("search_lora_model"))).containsExactly("in-lora-model");
    assertThat(ids(only("search_prompt"))).isEmpty();
  }

  @Test
  void eachFlagTurnedOffDropsOnlyTheRecipeWithTheWordInItsField() {
    assertThat(ids(without("search_title")))
        .containsExactly("in-tags", "in-lora-name", "in-lora-model");
    assertThat(ids(without("search_tags")))
        .containsExactly("in-title", "in-lora-name", "in-lora-model");
    assertThat(ids(without("search_lora_name")))
        .containsExactly("in-title", "in-tags", "in-lora-model");
    assertThat(ids(without("search_lora_model")))
        .containsExactly("in-title", "in-tags", "in-lora-name");
  }

  private static ObjectNode recipe(String id, String title, double modified) {
    ObjectNode recipe = RecipeBook.recipe(id, title);
    recipe.put("modified", modified);
    return recipe;
  }

  /** A request with every flag off but {@code flag}. */
  private static RequestSpecification only(String flag) {
    RequestSpecification request = given();
    for (String other : FLAGS) {
      request = request.queryParam(other, other.equals(flag));
    }
    return request;
  }

  private static RequestSpecification without(String flag) {
    return given().queryParam(flag, false);
  }

  private static List<String> ids(RequestSpecification request) {
    return request
        .queryParam("search", "heron")
        .get("/api/lm/recipes")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id", String.class);
  }
}
