package io.loramanager.recipe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.recipe.store.RecipeSync;
import io.loramanager.storage.Database;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.RecipeBook;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up sync (called directly, as a restart would): files edited, added, removed or broken
 * while the server was stopped are found; unchanged ones cost a stat; a lost cache is rebuilt.
 */
@QuarkusTest
class RecipeSyncTest {

  @Inject RecipeSync sync;
  @Inject Database database;

  private RecipeBook book;
  private RecipeRows rows;
  private Path a;
  private Path b;

  @BeforeEach
  void threeRecipes() {
    book = RecipeBook.fresh();
    rows = new RecipeRows(database);
    a = book.write("", withPrompt(RecipeBook.recipe("a", "Alpine lake"), "mountain water"));
    b = book.write("sub/deep", RecipeBook.recipe("b", "Beach"));
    book.write("", RecipeBook.recipe("c", "City"));
    RecipeSync.Report first = sync.sync();
    assertThat(first.total()).isEqualTo(3);
    assertThat(first.read()).isEqualTo(3);
  }

  @Test
  void unchangedFilesAreReusedFromTheCache() {
    RecipeSync.Report again = sync.sync();

    assertThat(again).isEqualTo(new RecipeSync.Report(3, 3, 0, 0, java.util.List.of()));
  }

  @Test
  void filesChangedWhileStoppedAreResynced() throws IOException {
    ObjectNode edited = LibraryFixture.readJson(a);
    edited.put("title", "Alpine glacier");
    withPrompt(edited, "frozen ice");
    LibraryFixture.write(a, edited.toString().getBytes());
    Files.delete(b);
    book.write("", RecipeBook.recipe("d", "Desert"));
    Path c = book.jsonOf("c");
    LibraryFixture.write(c, "{ broken".getBytes());

    RecipeSync.Report report = sync.sync();

    assertThat(report.total()).isEqualTo(2);
    assertThat(report.reused()).isZero();
    assertThat(report.read()).isEqualTo(2);
    assertThat(report.removed()).isEqualTo(2);
    assertThat(report.problems()).hasSize(1);
    assertThat(report.problems().get(0)).startsWith(c + ": not valid JSON");
    assertThat(rows.rows()).containsExactly("a|" + a, "d|" + book.jsonOf("d"));
    // The reference kept the old text searchable after an offline edit; here it follows the file.
    assertThat(rows.indexed("a")).isEqualTo("Alpine glacier|frozen ice");
    given().get("/api/lm/recipes?search=glacier").then().body("items.id", contains("a"));
    given().get("/api/lm/recipes?search=lake").then().body("items", empty());
    given().get("/api/lm/recipes?search=mountain").then().body("items", empty());
  }

  @Test
  void anEditThatKeepsTheSizeIsFoundByItsModificationTime() throws IOException {
    ObjectNode edited = LibraryFixture.readJson(a);
    edited.put("title", "Alpine LAKE");
    LibraryFixture.write(a, edited.toString().getBytes());
    Files.setLastModifiedTime(
        a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));

    RecipeSync.Report report = sync.sync();

    assertThat(report.read()).isEqualTo(1);
    assertThat(rows.indexed("a")).isEqualTo("Alpine LAKE|mountain water");
  }

  @Test
  void aLostCacheIsRebuiltFromTheFiles() {
    database.write(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM recipes");
            s.execute("DELETE FROM recipe_fts");
          }
          return null;
        });

    RecipeSync.Report report = sync.sync();

    assertThat(report.read()).isEqualTo(3);
    assertThat(rows.rows()).containsExactly("a|" + a, "b|" + b, "c|" + book.jsonOf("c"));
    assertThat(rows.indexSize()).isEqualTo(3);
  }

  @Test
  void aCorruptRowIsReadAgainFromItsFile() {
    database.write(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("UPDATE recipes SET json = 'not json' WHERE recipe_id = 'a'");
          }
          return null;
        });

    RecipeSync.Report report = sync.sync();

    assertThat(report.read()).isEqualTo(1);
    assertThat(rows.json("a")).contains("\"title\":\"Alpine lake\"");
  }

  @Test
  void aMediaPathThatNoLongerPointsBesideTheFileIsRepaired() {
    ObjectNode moved = RecipeBook.recipe("e", "Elsewhere");
    moved.put("file_path", "/old/place/e.png");
    Path json = book.write("", moved);

    sync.sync();

    assertThat(LibraryFixture.readJson(json).get("file_path").asText())
        .isEqualTo(book.root().resolve("e.png").toString());
  }

  @Test
  void aSecondFileWithTheSameIdIsSkippedAndReported() {
    ObjectNode copy = RecipeBook.recipe("a", "Copy of a");
    Path json = book.write("copies", copy);
    Path renamed = json.resolveSibling("other.recipe.json");
    try {
      Files.move(json, renamed);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }

    RecipeSync.Report report = sync.sync();

    assertThat(report.total()).isEqualTo(3);
    assertThat(report.problems()).hasSize(1);
    assertThat(report.problems().get(0)).contains("id a is already used by another recipe file");
  }

  @Test
  void recipesInSubfoldersKnowTheirFolder() {
    given()
        .get("/api/lm/recipe/b")
        .then()
        .statusCode(200)
        .body("folder", org.hamcrest.Matchers.equalTo("sub/deep"));
    given().get("/api/lm/recipes?folder=sub").then().body("items.id", contains("b"));
    given().get("/api/lm/recipes?folder=sub&recursive=false").then().body("items", empty());
  }

  private static ObjectNode withPrompt(ObjectNode recipe, String prompt) {
    ((ObjectNode) recipe.get("gen_params")).put("prompt", prompt);
    return recipe;
  }
}
