package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelDuplicatesResourceTest {

  private static final byte[] SAME = "same weights".getBytes(StandardCharsets.UTF_8);
  private static final String SAME_SHA = LibraryFixture.sha256(SAME);

  private LibraryFixture library;

  @BeforeEach
  void freshLibrary() {
    library = TestLibrary.fresh();
  }

  /** A LoRA whose content (and so whose sidecar sha256) is {@link #SAME}. */
  private String copy(String relativePath, Consumer<ObjectNode> customize) {
    return LibraryFixture.slashes(
        library.modelWithSidecar(library.loras(), relativePath, SAME, customize));
  }

  private String copy(String relativePath) {
    return copy(relativePath, s -> {});
  }

  private static ValidatableResponse duplicates(String query) {
    return given()
        .get("/api/lm/loras/find-duplicates" + query)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("success", equalTo(true));
  }

  private static void assertNoGroups(String query) {
    duplicates(query).body("count", equalTo(0)).body("duplicates", equalTo(List.of()));
  }

  @Test
  void identicalContentFormsOneGroupWithTheOriginalFirst() {
    String numbered = copy("x (1).safetensors");
    String copy = copy("x-copy.safetensors");
    String original = copy("x.safetensors");
    library.modelWithSidecar(library.loras(), "other.safetensors", s -> {});
    TestLibrary.scan("loras");

    duplicates("")
        .body("count", equalTo(1))
        .body("duplicates.size()", equalTo(1))
        .body("duplicates[0].size()", equalTo(2))
        .body("duplicates[0].hash", equalTo(SAME_SHA))
        .body("duplicates[0].models.file_path", equalTo(List.of(original, numbered, copy)))
        .body("duplicates[0].models.file_name", equalTo(List.of("x", "x (1)", "x-copy")))
        .body("duplicates[0].models.sha256", equalTo(List.of(SAME_SHA, SAME_SHA, SAME_SHA)));
  }

  @Test
  void aDatedCopySortsAfterTheOriginal() {
    String dated = copy("a/model-2024.safetensors");
    String original = copy("b/model.safetensors");
    TestLibrary.scan("loras");

    duplicates("").body("duplicates[0].models.file_path", equalTo(List.of(original, dated)));
  }

  @Test
  void distinctContentHasNoGroups() {
    library.modelWithSidecar(library.loras(), "a.safetensors", s -> {});
    library.modelWithSidecar(library.loras(), "b.safetensors", s -> {});
    TestLibrary.scan("loras");

    assertNoGroups("");
  }

  @Test
  void baseModelFilterKeepsAGroupWhoseMembersAllMatch() {
    String a = copy("a.safetensors", s -> s.put("base_model", "SDXL 1.0"));
    String b = copy("b.safetensors", s -> s.put("base_model", "SDXL 1.0"));
    TestLibrary.scan("loras");

    duplicates("?base_model=SDXL 1.0")
        .body("count", equalTo(1))
        .body("duplicates[0].models.file_path", equalTo(List.of(a, b)));
  }

  @Test
  void baseModelFilterDropsAGroupThatShrinksBelowTwo() {
    copy("a.safetensors", s -> s.put("base_model", "SDXL 1.0"));
    copy("b.safetensors", s -> s.put("base_model", "SD 1.5"));
    TestLibrary.scan("loras");

    assertNoGroups("?base_model=SDXL 1.0");
  }

  @Test
  void tagIncludeFilterDropsAGroupThatShrinksBelowTwo() {
    copy("a.safetensors", s -> s.putArray("tags").add("style"));
    copy("b.safetensors", s -> s.putArray("tags").add("character"));
    copy("c.safetensors", s -> s.putArray("tags").add("style"));
    TestLibrary.scan("loras");

    duplicates("?tag_include=character").body("count", equalTo(0));
    duplicates("?tag_include=style")
        .body("count", equalTo(1))
        .body("duplicates[0].models.file_name", equalTo(List.of("a", "c")));
  }

  @Test
  void folderFilterMatchesFolderPrefixes() {
    String a = copy("chars/girls/a.safetensors");
    String b = copy("chars/b.safetensors");
    copy("styles/c.safetensors");
    TestLibrary.scan("loras");

    duplicates("?folder=chars")
        .body("count", equalTo(1))
        .body("duplicates[0].models.file_path", equalTo(List.of(b, a)));
  }

  @Test
  void folderFilterDropsAGroupThatShrinksBelowTwo() {
    copy("chars/a.safetensors");
    copy("styles/b.safetensors");
    TestLibrary.scan("loras");

    assertNoGroups("?folder=chars");
  }

  @Test
  void favoritesOnlyDropsAGroupThatShrinksBelowTwo() {
    copy("a.safetensors", s -> s.put("favorite", true));
    copy("b.safetensors");
    TestLibrary.scan("loras");

    duplicates("").body("count", equalTo(1));
    assertNoGroups("?favorites_only=true");
  }

  @Test
  void invalidTagLogicIs400() {
    assertError(
        given().get("/api/lm/loras/find-duplicates?tag_logic=most"),
        400,
        "Invalid tag_logic 'most': use any or all");
  }

  @Test
  void fileNameConflictsGroupTheSameNameInTwoFolders() {
    Path a = library.modelWithSidecar(library.loras(), "a/x.safetensors", s -> {});
    Path b = library.modelWithSidecar(library.loras(), "b/x.safetensors", s -> {});
    library.modelWithSidecar(library.loras(), "b/y.safetensors", s -> {});
    TestLibrary.scan("loras");

    given()
        .get("/api/lm/loras/find-filename-conflicts")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("success", equalTo(true))
        .body("count", equalTo(1))
        .body("conflicts.size()", equalTo(1))
        .body("conflicts[0].size()", equalTo(2))
        .body("conflicts[0].filename", equalTo("x"))
        .body(
            "conflicts[0].models.file_path",
            equalTo(List.of(LibraryFixture.slashes(a), LibraryFixture.slashes(b))))
        .body("conflicts[0].models.folder", equalTo(List.of("a", "b")));
  }

  @Test
  void fileNameConflictsAreEmptyWhenEveryNameIsUnique() {
    library.modelWithSidecar(library.loras(), "a/x.safetensors", s -> {});
    library.modelWithSidecar(library.loras(), "b/y.safetensors", s -> {});
    TestLibrary.scan("loras");

    given()
        .get("/api/lm/loras/find-filename-conflicts")
        .then()
        .statusCode(200)
        .body("success", equalTo(true))
        .body("count", equalTo(0))
        .body("conflicts", equalTo(List.of()));
  }

  @Test
  void fileNameConflictsOfAnUnknownTypeIsJson404() {
    assertError(
        given().get("/api/lm/vaes/find-filename-conflicts"), 404, "Unknown model type 'vaes'");
  }
}
