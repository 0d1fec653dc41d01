package io.loramanager.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ModelListResourceTest {

  private LibraryFixture library;
  private Path alpha;
  private Path beta;

  @BeforeEach
  void buildLibrary() {
    library = TestLibrary.fresh();
    Path loras = library.loras();
    alpha =
        library.modelWithSidecar(
            loras,
            "alpha.safetensors",
            s -> {
              s.put("model_name", "Alpha");
              s.put("base_model", "SDXL 1.0");
              s.put("favorite", true);
              s.put("modified", 100.0);
              s.putArray("tags").add("anime").add("style");
            });
    beta =
        library.modelWithSidecar(
            loras,
            "sub/beta.safetensors",
            s -> {
              s.put("model_name", "beta v2");
              s.put("modified", 300.0);
              s.putArray("tags").add("Style");
              s.putObject("civitai").putObject("creator").put("username", "Maker");
            });
    library.modelWithSidecar(
        loras,
        "sub/deep/gamma.safetensors",
        s -> {
          s.put("model_name", "Gamma v10");
          s.put("modified", 200.0);
          s.put("preview_nsfw_level", 8);
        });
    library.modelWithSidecar(
        loras,
        "other/delta.safetensors",
        s -> {
          s.put("model_name", "Delta");
          s.put("exclude", true);
        });
    TestLibrary.scan("loras");
  }

  private static ValidatableResponse list(String query) {
    // The queries below are written already encoded, as a browser would send them.
    return given()
        .urlEncodingEnabled(false)
        .get("/api/lm/loras/list" + query)
        .then()
        .statusCode(200);
  }

  @Test
  void listReturnsThePageEnvelopeSortedByNaturalName() {
    list("")
        .body("total", equalTo(3))
        .body("page", equalTo(1))
        .body("page_size", equalTo(20))
        .body("total_pages", equalTo(1))
        .body("items.model_name", contains("Alpha", "beta v2", "Gamma v10"))
        .body("items[0].folder", equalTo(""))
        .body("items[1].folder", equalTo("sub"))
        .body("items[2].folder", equalTo("sub/deep"))
        .body("items[0].file_path", equalTo(LibraryFixture.slashes(alpha)));
  }

  @Test
  void pageSizeIsCappedAtOneHundredAndPagesSlice() {
    list("?page_size=500").body("page_size", equalTo(100)).body("total_pages", equalTo(1));
    list("?page_size=2&page=2")
        .body("items.model_name", contains("Gamma v10"))
        .body("total", equalTo(3))
        .body("total_pages", equalTo(2));
    list("?page_size=2&page=3").body("items", empty()).body("total", equalTo(3));
  }

  @Test
  void sortsByDateAndSizeInBothDirections() {
    list("?sort_by=date").body("items.model_name", contains("Alpha", "Gamma v10", "beta v2"));
    list("?sort_by=date:desc").body("items.model_name", contains("beta v2", "Gamma v10", "Alpha"));
    list("?sort_by=name:desc").body("items.model_name", contains("Gamma v10", "beta v2", "Alpha"));
  }

  @Test
  void randomSortIsStableForTheSameSeed() {
    List<String> first =
        list("?sort_by=random:42").extract().jsonPath().getList("items.model_name");
    List<String> again =
        list("?sort_by=random:42").extract().jsonPath().getList("items.model_name");
    org.assertj.core.api.Assertions.assertThat(again)
        .isEqualTo(first)
        .containsExactlyInAnyOrder("Alpha", "beta v2", "Gamma v10");
  }

  @Test
  void folderFilterIsRecursiveUnlessAskedNot() {
    list("?folder=sub").body("items.model_name", contains("beta v2", "Gamma v10"));
    list("?folder=sub&recursive=false").body("items.model_name", contains("beta v2"));
    list("?folder_exclude=sub/deep").body("items.model_name", contains("Alpha", "beta v2"));
    list("?folder_include=sub/deep&folder_include=")
        .body("items.model_name", contains("Gamma v10"));
  }

  @Test
  void searchLooksAtNamesByDefaultAndAtTagsAndCreatorWhenAsked() {
    list("?search=BETA").body("items.model_name", contains("beta v2"));
    list("?search=style").body("total", equalTo(0));
    list("?search=style&search_tags=true").body("items.model_name", contains("Alpha", "beta v2"));
    list("?search=maker&search_creator=true").body("items.model_name", contains("beta v2"));
    list("?search=gama%20v10&fuzzy_search=true").body("items.model_name", contains("Gamma v10"));
  }

  @Test
  void filtersByBaseModelTagsAndFavorites() {
    list("?base_model=SDXL%201.0").body("items.model_name", contains("Alpha"));
    list("?base_model=SDXL%201.0&base_model=SD%201.5").body("total", equalTo(3));
    list("?tag_include=style").body("items.model_name", contains("Alpha", "beta v2"));
    list("?tag_include=anime&tag_include=style&tag_logic=all")
        .body("items.model_name", contains("Alpha"));
    list("?tag_include=__no_tags__").body("items.model_name", contains("Gamma v10"));
    list("?tag_exclude=anime").body("items.model_name", contains("beta v2", "Gamma v10"));
    list("?favorites_only=true").body("items.model_name", contains("Alpha"));
  }

  @Test
  void hashFilterBypassesEveryOtherFilter() {
    String sha = LibraryFixture.sha256(LibraryFixture.read(beta));
    list("?hash=" + sha.toUpperCase() + "&favorites_only=true&search=zzz")
        .body("items.model_name", contains("beta v2"));
    list("?hashes=%5B%22" + sha + "%22%5D").body("items.model_name", contains("beta v2"));
  }

  @Test
  void excludedModelsAreListedOnlyByExcluded() {
    given()
        .get("/api/lm/loras/excluded")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items.model_name", contains("Delta"))
        .body("items[0].exclude", equalTo(true));
  }

  @Test
  void groupByModelKeepsTheNewestVersionAndCountsThem() {
    library.modelWithSidecar(
        library.loras(),
        "v1.safetensors",
        s -> s.putObject("civitai").put("id", 10).put("modelId", 7).put("name", "v1"));
    library.modelWithSidecar(
        library.loras(),
        "v2.safetensors",
        s -> s.putObject("civitai").put("id", 11).put("modelId", 7).put("name", "v2"));
    TestLibrary.scan("loras");
    list("?group_by_model=true&search=v")
        .body("items.file_name", contains("v2", "beta", "gamma"))
        .body("items[0].version_count", equalTo(2))
        .body("items[1].version_count", equalTo(1));
    list("?civitai_model_id=7").body("items.file_name", contains("v2", "v1"));
    list("").body("items[0].version_count", nullValue());
  }

  @Test
  void badNumbersAndSortsAreJson400sNamingTheParameter() {
    expect400("?page=0", "Invalid page: must be at least 1");
    expect400("?page_size=abc", "Invalid page_size: 'abc' is not a whole number");
    expect400(
        "?sort_by=date:sideways",
        "Invalid sort_by 'date:sideways': use name, date, size, usage, versions_count or random,"
            + " with :asc or :desc (random takes :seed)");
    expect400("?hashes=nope", "Invalid hashes: expected a JSON array of strings");
    expect400("?tag_logic=some", "Invalid tag_logic 'some': use any or all");
  }

  private static void expect400(String query, String message) {
    given()
        .get("/api/lm/loras/list" + query)
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("success", equalTo(false))
        .body("error", equalTo(message));
  }

  @Test
  void unknownTypeIsJson404() {
    given()
        .get("/api/lm/widgets/list")
        .then()
        .statusCode(404)
        .body("success", equalTo(false))
        .body("error", equalTo("Unknown model type 'widgets'"));
  }
}
