package io.loramanager.recipe;

import static io.loramanager.testsupport.ApiAssertions.successList;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters, sorts, facets, duplicates and image checks over a small recipe book. */
@QuarkusTest
class RecipeFacetsTest {

  private RecipeBook book;

  @BeforeEach
  void book() {
    book = RecipeBook.fresh();
    ObjectNode a = RecipeBook.recipe("a", "apple 10");
    a.put("modified", 300.0);
    a.putArray("tags").add("fruit").add("red");
    RecipeBook.lora(a, "x", "aa", 0.5);
    a.put("fingerprint", "aa:0.5");
    a.put("source_path", "https://civitai.com/images/111");
    ObjectNode b = RecipeBook.recipe("b", "apple 9");
    b.put("modified", 100.0);
    b.put("base_model", "Illustrious");
    b.putArray("tags").add("fruit");
    RecipeBook.lora(b, "x", "aa", 0.5);
    RecipeBook.lora(b, "y", "bb", 1.0);
    b.put("fingerprint", "aa:0.5|bb:1.0");
    b.put("favorite", true);
    ObjectNode c = RecipeBook.recipe("c", "Banana");
    c.put("modified", 200.0);
    RecipeBook.lora(c, "x", "aa", 0.5);
    c.put("fingerprint", "aa:0.5");
    c.put("preview_nsfw_level", 8);
    c.putObject("checkpoint").put("name", "Juggernaut").put("hash", "CC11");
    book.write("", a);
    book.write("fruit/yellow", b);
    book.write("fruit", c);
    book.rescan();
  }

  @Test
  void sortsByDateNameAndLoraCount() {
    ids("/api/lm/recipes", "a", "c", "b");
    ids("/api/lm/recipes?sort_by=date:asc", "b", "c", "a");
    ids("/api/lm/recipes?sort_by=name", "b", "a", "c");
    ids("/api/lm/recipes?sort_by=name:desc", "c", "a", "b");
    ids("/api/lm/recipes?sort_by=loras_count", "b", "c", "a");
    ids("/api/lm/recipes?sort_by=opened");
    given()
        .get("/api/lm/recipes?sort_by=random:7")
        .then()
        .body("items.id", org.hamcrest.Matchers.containsInAnyOrder("a", "b", "c"));
  }

  @Test
  void filtersByFolderBaseModelFavoriteAndTags() {
    ids("/api/lm/recipes?folder=/fruit/", "c", "b");
    ids("/api/lm/recipes?folder=fruit&recursive=false", "c");
    ids("/api/lm/recipes?base_models=Illustrious,Pony", "b");
    ids("/api/lm/recipes?favorite=true", "b");
    ids("/api/lm/recipes?tag_include=red", "a");
    ids("/api/lm/recipes?tags=red,fruit", "a", "b");
    ids("/api/lm/recipes?tag_include=__no_tags__", "c");
    ids("/api/lm/recipes?tag_include=fruit&tag_exclude=red", "b");
    ids("/api/lm/recipes?checkpoint_hash=none&lora_hash=BB&folder=nowhere", "b");
  }

  @Test
  void recipesOfACheckpointAreFoundByItsHashInAnyCase() {
    assertThat(successList("/api/lm/recipes/for-checkpoint?hash=cc11", "recipes.id"))
        .containsExactly("c");
    ids("/api/lm/recipes?checkpoint_hash=Cc11", "c");
    ids("/api/lm/recipes?checkpoint_hash=cc11&lora_hash=bb", "c", "b");
    given().get("/api/lm/recipes/for-checkpoint?hash=dd22").then().body("recipes", empty());
  }

  @Test
  void pagesAreSlicesOfTheSortedList() {
    given()
        .get("/api/lm/recipes?page=2&page_size=2")
        .then()
        .body("items.id", contains("b"))
        .body("total", equalTo(3))
        .body("page", equalTo(2))
        .body("page_size", equalTo(2))
        .body("total_pages", equalTo(2));
  }

  @Test
  void tagAndBaseModelFacetsCountRecipes() {
    given()
        .get("/api/lm/recipes/top-tags")
        .then()
        .body("success", equalTo(true))
        .body(
            "tags", contains(Map.of("tag", "fruit", "count", 2), Map.of("tag", "red", "count", 1)));
    given().get("/api/lm/recipes/top-tags?limit=0").then().body("tags", empty());
    given().get("/api/lm/recipes/top-tags?limit=1").then().body("tags.tag", contains("fruit"));
    given()
        .get("/api/lm/recipes/search-tags?q=RE&limit=0")
        .then()
        .body("tags.tag", contains("red"));
    given()
        .get("/api/lm/recipes/base-models")
        .then()
        .body(
            "base_models",
            contains(
                Map.of("name", "SDXL 1.0", "count", 2), Map.of("name", "Illustrious", "count", 1)));
  }

  @Test
  void rootAndFolders() {
    given()
        .get("/api/lm/recipes/roots")
        .then()
        .body("roots", contains(LibraryFixture.slashes(book.root())));
    given()
        .get("/api/lm/recipes/folders")
        .then()
        .body("folders", contains("fruit", "fruit/yellow"));
    given()
        .get("/api/lm/recipes/folder-tree")
        .then()
        .body("tree", equalTo(Map.of("fruit", Map.of("yellow", Map.of()))));
    given()
        .get("/api/lm/recipes/unified-folder-tree")
        .then()
        .body("tree", equalTo(Map.of("fruit", Map.of("yellow", Map.of()))));
  }

  @Test
  void duplicatesByFingerprintAndSource() {
    ObjectNode copy = RecipeBook.recipe("d", "apple copy");
    copy.put("modified", 50.0);
    copy.put("source_path", "https://civitai.com/images/111");
    book.write("", copy);
    book.rescan();
    given()
        .get("/api/lm/recipes/find-duplicates")
        .then()
        .body("duplicate_groups.type", contains("fingerprint", "source_path"))
        .body("duplicate_groups.key", contains("g-0", "g-1"))
        .body("duplicate_groups[0].fingerprint", equalTo("aa:0.5"))
        .body("duplicate_groups[0].count", equalTo(2))
        .body("duplicate_groups[0].recipes.id", contains("a", "c"))
        .body("duplicate_groups[0].recipes[0].lora_count", equalTo(1))
        .body("duplicate_groups[1].recipes.id", contains("a", "d"));
    given()
        .get("/api/lm/recipes/find-duplicates?include_prompt=true")
        .then()
        .body("duplicate_groups.type", contains("fingerprint", "source_path"));
  }

  @Test
  void checkImageExistsAnswersFromSourcePaths() {
    given()
        .get("/api/lm/recipes/check-image-exists?image_ids=111, 222")
        .then()
        .body(
            "results",
            equalTo(
                Map.of(
                    "111", Map.of("in_library", true, "recipe_id", "a"),
                    "222", mapWithNull())));
  }

  private static Map<String, Object> mapWithNull() {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put("in_library", false);
    map.put("recipe_id", null);
    return map;
  }

  private static void ids(String path, String... ids) {
    given().get(path).then().statusCode(200).body("items.id", equalTo(List.of(ids)));
  }
}
