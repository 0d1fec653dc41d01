package io.loramanager.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.EnvironmentVariableReporter;
import org.approvaltests.reporters.FirstWorkingReporter;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shapes of the rename and move responses (anchor-api §3.2 rows 5–7), pinned as approved
 * snapshots; the absolute library path is scrubbed to {@code <LIBRARY>}.
 */
@QuarkusTest
class ModelRelocationSnapshotTest {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

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
    Approvals.verify(pretty(response), snapshotOptions());
  }

  private Options snapshotOptions() {
    String root = LibraryFixture.slashes(library.dir());
    String encodedRoot =
        URLEncoder.encode(root, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    return new Options()
        .withScrubber(text -> text.replace(root, "<LIBRARY>").replace(encodedRoot, "<LIBRARY>"))
        .withReporter(
            new FirstWorkingReporter(EnvironmentVariableReporter.INSTANCE, QuietReporter.INSTANCE));
  }

  private static String pretty(String json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Response is not JSON: " + json, e);
    }
  }
}
