package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.loramanager.testsupport.ApiAssertions.map;
import static io.loramanager.testsupport.ApiAssertions.successList;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tag facets (top-tags, search-tags) and the 404 of an unknown type. */
@QuarkusTest
class ModelFacetsResourceTest {

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  private void lora(String relativePath, String baseModel, String... tags) {
    library.modelWithSidecar(
        library.loras(),
        relativePath,
        s -> {
          s.put("base_model", baseModel);
          tags(s.putArray("tags"), tags);
        });
  }

  private static void tags(com.fasterxml.jackson.databind.node.ArrayNode array, String... tags) {
    for (String tag : tags) {
      array.add(tag);
    }
  }

  /** One LoRA carrying the 25 tags t01..t25 (each counted once, in that first-seen order). */
  private static String[] twentyFiveTags() {
    String[] tags = new String[25];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = String.format("t%02d", i + 1);
    }
    return tags;
  }

  private static List<Map<String, Object>> tagCounts(String prefix, int from, int to) {
    List<Map<String, Object>> counts = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      counts.add(map("tag", String.format(prefix + "%02d", i), "count", 1));
    }
    return counts;
  }

  @Test
  void topTagsCountsEachTagAndOrdersByCount() {
    lora("a.safetensors", "SD 1.5", "style", "anime");
    lora("b.safetensors", "SD 1.5", "anime", "character");
    lora("c.safetensors", "SD 1.5", "anime", "style");
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/top-tags", "tags"))
        .isEqualTo(
            List.of(
                map("tag", "anime", "count", 3),
                map("tag", "style", "count", 2),
                map("tag", "character", "count", 1)));
  }

  @Test
  void topTagsKeepTagsAsStoredCaseSensitive() {
    lora("a.safetensors", "SD 1.5", "Anime");
    lora("b.safetensors", "SD 1.5", "anime");
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/top-tags", "tags"))
        .isEqualTo(List.of(map("tag", "Anime", "count", 1), map("tag", "anime", "count", 1)));
  }

  @Test
  void topTagsLimitCutsTheList() {
    lora("a.safetensors", "SD 1.5", twentyFiveTags());
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/top-tags?limit=2", "tags"))
        .isEqualTo(tagCounts("t", 1, 2));
  }

  @Test
  void topTagsLimitZeroReturnsEveryTag() {
    lora("a.safetensors", "SD 1.5", twentyFiveTags());
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/top-tags?limit=0", "tags"))
        .isEqualTo(tagCounts("t", 1, 25));
  }

  @ParameterizedTest
  @ValueSource(strings = {"?limit=201", "?limit=-1", ""})
  void topTagsLimitAbove200OrNegativeOrAbsentServes20(String query) {
    lora("a.safetensors", "SD 1.5", twentyFiveTags());
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/top-tags" + query, "tags"))
        .isEqualTo(tagCounts("t", 1, 20));
  }

  @Test
  void topTagsLimit200IsHonoured() {
    lora("a.safetensors", "SD 1.5", twentyFiveTags());
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/top-tags?limit=200", "tags"))
        .isEqualTo(tagCounts("t", 1, 25));
  }

  @Test
  void topTagsRejectsNonNumericLimitNamingIt() {
    assertError(
        given().get("/api/lm/loras/top-tags?limit=x"),
        400,
        "Invalid limit: 'x' is not a whole number");
  }

  @Test
  void searchTagsMatchesSubstringIgnoringCaseOrderedByCount() {
    lora("a.safetensors", "SD 1.5", "Anime", "animal", "style");
    lora("b.safetensors", "SD 1.5", "animal", "landscape");
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/search-tags?q=ANI", "tags"))
        .isEqualTo(List.of(map("tag", "animal", "count", 2), map("tag", "Anime", "count", 1)));
  }

  @Test
  void searchTagsWithEmptyQueryIsTopTags() {
    lora("a.safetensors", "SD 1.5", "style", "anime");
    lora("b.safetensors", "SD 1.5", "anime");
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/search-tags?q=", "tags"))
        .isEqualTo(List.of(map("tag", "anime", "count", 2), map("tag", "style", "count", 1)));
  }

  @Test
  void searchTagsAppliesTheLimit() {
    lora("a.safetensors", "SD 1.5", twentyFiveTags());
    TestLibrary.scan("loras");

    assertThat(successList("/api/lm/loras/search-tags?q=t0&limit=3", "tags"))
        .isEqualTo(tagCounts("t", 1, 3));
  }

  @Test
  void searchTagsRejectsNonNumericLimit() {
    assertError(
        given().get("/api/lm/loras/search-tags?q=a&limit=ten"),
        400,
        "Invalid limit: 'ten' is not a whole number");
  }

  @Test
  void unknownModelTypeIsJson404() {
    assertError(given().get("/api/lm/widgets/top-tags"), 404, "Unknown model type 'widgets'");
  }
}
