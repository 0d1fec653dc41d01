package io.loramanager.api;

import static io.restassured.RestAssured.given;

import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shapes of the rename and move responses (anchor-api §3.2 rows 5–7), pinned as approved
 * snapshots; the absolute library path is scrubbed to {@code <LIBRARY>}.
 */
@QuarkusTest
class ModelRelocationSnapshotTest {

  private LibraryFixture library;
  private Path ink;
  private Path oil;

  @BeforeEach
  void buildLibrary() {
    library = TestLibrary.fresh();
    ink = ModelMoveFlowTest.ownedModel(library, "styles/ink.safetensors");
    oil = library.modelWithSidecar(library.loras(), "styles/oil.safetensors", s -> {});
    TestLibrary.scan("loras");
  }

  @Test
  void renameResponse() {
    verify("rename", "{\"file_path\": \"" + s(ink) + "\", \"new_file_name\": \"ink_v2\"}");
  }

  @Test
  void moveResponse() {
    verify(
        "move_model",
        "{\"file_path\": \""
            + s(ink)
            + "\", \"target_path\": \""
            + s(library.loras())
            + "/done\"}");
  }

  @Test
  void bulkMoveResponse() {
    verify(
        "move_models_bulk",
        "{\"file_paths\": [\""
            + s(ink)
            + "\", \""
            + s(oil)
            + "\"], \"target_path\": \""
            + s(library.loras())
            + "/done\"}");
  }

  private static String s(Path path) {
    return LibraryFixture.slashes(path);
  }

  private void verify(String endpoint, String body) {
    String response =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/lm/loras/" + endpoint)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    JsonSnapshots.verify(response, library);
  }
}
