package io.loramanager.recipe;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.civitai.CivitaiConnectivity;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.ForgeAnalysis;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.PngTextChunks;
import io.loramanager.testsupport.RecipeBook;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole import as a client drives it: analyze a Forge PNG, save it with the analysis as {@code
 * metadata}, then list → search → update → delete → undo, on files, SQLite and FTS.
 */
@QuarkusTest
class RecipeAnalyzeSaveFlowTest {

  private static final String PROMPT = ForgeAnalysis.PROMPT;
  private static final String FORGE = ForgeAnalysis.TEXT;

  @Inject Database database;
  @Inject CivitaiConnectivity connectivity;

  // Civitai answers 404 to every lookup: the LoRA the library lacks is not linked.
  @CivitaiStub WireMockServer civitai;

  private RecipeBook book;
  private RecipeRows rows;
  private String loraHash;

  @BeforeEach
  void libraryWithTheLora() {
    civitai.resetAll();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.offline());
    book = RecipeBook.fresh();
    rows = new RecipeRows(database);
    Path lora = ForgeAnalysis.painterly(book.library());
    loraHash = LibraryFixture.sha256(LibraryFixture.read(lora));
    TestLibrary.scan("loras");
  }

  @Test
  void analysedForgePngIsSavedListedSearchedUpdatedDeletedAndRestored() {
    byte[] png = ImageFixtures.png().text("parameters", FORGE).build();
    String analysis =
        given()
            .multiPart("image", "forge.png", png, "image/png")
            .post("/api/lm/recipes/analyze-image")
            .then()
            .statusCode(200)
            .body("fingerprint", equalTo(loraHash + ":0.5"))
            .extract()
            .asString();

    String id =
        given()
            .multiPart("image", "forge.png", png, "image/png")
            .multiPart("name", "Cozy cabin")
            .multiPart("metadata", analysis)
            .multiPart("tags", "[\"winter\"]")
            .post("/api/lm/recipes/save")
            .then()
            .statusCode(200)
            .body("matching_recipes", empty())
            .extract()
            .jsonPath()
            .getString("recipe_id");

    Path json = book.jsonOf(id);
    Path media = book.root().resolve(id + ".png");
    ObjectNode stored = LibraryFixture.readJson(json);
    assertThat(stored.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(stored.get("loras").toString())
        .isEqualTo(
            "[{\"file_name\":\"painterly\",\"hash\":\""
                + loraHash
                + "\",\"strength\":0.5,\"modelVersionId\":0,\"modelName\":\"Painterly\","
                + "\"modelVersionName\":\"\",\"isDeleted\":false,\"exclude\":false}]");
    assertThat(stored.get("gen_params").toString())
        .isEqualTo(
            "{\"prompt\":\""
                + PROMPT
                + "\",\"negative_prompt\":\"blurry\",\"steps\":20,\"sampler\":\"Euler\","
                + "\"cfg_scale\":7.0,\"seed\":42,\"size\":\"768x512\"}");
    assertThat(stored.get("checkpoint").toString())
        .isEqualTo(
            "{\"id\":0,\"modelId\":0,\"name\":\"sd_xl_base_1.0\",\"version\":\"\","
                + "\"type\":\"checkpoint\",\"hash\":\"e6bb9ea85b\","
                + "\"file_name\":\"sd_xl_base_1.0\",\"baseModel\":\"\",\"isDeleted\":true}");
    assertThat(stored.get("fingerprint").asText()).isEqualTo(loraHash + ":0.5");
    // The image keeps its own text, with the recipe appended the reference's way.
    assertThat(PngTextChunks.text(LibraryFixture.read(media), "parameters"))
        .get()
        .asString()
        .startsWith(FORGE + " \n Recipe metadata: {\"title\":\"Cozy cabin\",");
    assertThat(rows.rows()).containsExactly(id + "|" + json);
    assertThat(rows.indexed(id)).isEqualTo("Cozy cabin|" + PROMPT);

    given()
        .get("/api/lm/recipes")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items.id", contains(id))
        .body("items[0].loras[0].inLibrary", equalTo(true))
        .body("items[0].tags", contains("winter"));
    given().get("/api/lm/recipes?search=cabin").then().body("items.id", contains(id));
    given().get("/api/lm/recipes?search=snow").then().body("items.id", contains(id));
    given().get("/api/lm/recipes?search=dog").then().body("items", empty());
    given()
        .get("/api/lm/recipes/for-lora?hash=" + loraHash)
        .then()
        .body("recipes.id", contains(id));

    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"Mountain hut\"}")
        .put("/api/lm/recipe/" + id + "/update")
        .then()
        .statusCode(200);
    assertThat(LibraryFixture.readJson(json).get("title").asText()).isEqualTo("Mountain hut");
    assertThat(rows.indexed(id)).isEqualTo("Mountain hut|" + PROMPT);
    given()
        .get("/api/lm/recipes?search=mountain&search_prompt=false")
        .then()
        .body("items.id", contains(id));
    given().get("/api/lm/recipes?search=cozy&search_prompt=false").then().body("items", empty());

    byte[] beforeDelete = LibraryFixture.read(json);
    String batch =
        given()
            .delete("/api/lm/recipe/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("batch_id");
    assertThat(json).doesNotExist();
    assertThat(media).doesNotExist();
    assertThat(rows.rows()).isEmpty();
    assertThat(rows.indexSize()).isZero();
    given().get("/api/lm/recipes?search=mountain").then().body("items", empty());
    assertError(given().get("/api/lm/recipe/" + id), 404, "Recipe not found");

    RecipeBook.undo(batch)
        .then()
        .statusCode(200)
        .body(
            "restored",
            containsInAnyOrder(LibraryFixture.slashes(json), LibraryFixture.slashes(media)));
    assertThat(json).hasBinaryContent(beforeDelete);
    assertThat(rows.rows()).containsExactly(id + "|" + json);
    assertThat(rows.indexed(id)).isEqualTo("Mountain hut|" + PROMPT);
    given().get("/api/lm/recipes?search=mountain").then().body("items.id", contains(id));
  }
}
