package io.loramanager.library.lifecycle;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response shapes of save-metadata, add-tags, replace-preview and verify-duplicates, and the
 * sidecar file an edit writes (reference layout, key order, unknown keys), pinned as snapshots.
 */
@QuarkusTest
class EditResponseSnapshotTest {

  private LibraryFixture library;
  private Path model;

  @BeforeEach
  void oneLora() {
    library = TestLibrary.fresh();
    model =
        library.modelWithSidecar(
            library.loras(),
            "wan/motion_i2v_low.safetensors",
            s -> {
              s.put("model_name", "Motion");
              s.put("base_model", "Wan Video 14B i2v 720p");
              s.putArray("tags").add("video");
              s.put("usage_tips", "{}");
              s.put("extra_tool_key", 7);
              ObjectNode civitai = s.putObject("civitai");
              civitai.put("id", 5);
              civitai.put("name", "v1 turbo");
              civitai.putArray("trainedWords").add("move");
            });
    TestLibrary.scan("loras");
  }

  private String filePath() {
    return LibraryFixture.slashes(model);
  }

  private static Response post(String path, String json) {
    return given().contentType(ContentType.JSON).body(json).post("/api/lm/loras/" + path);
  }

  @Test
  void saveMetadataResponse() {
    verifyJson(
        post(
            "save-metadata",
            "{\"file_path\": \"%s\", \"notes\": \"n\", \"civitai\": {\"trainedWords\": [\"go\"]}}"
                .formatted(filePath())));
  }

  @Test
  void sidecarAfterSaveMetadata() {
    post(
            "save-metadata",
            ("{\"file_path\": \"%s\", \"model_name\": \"Motion Ü\", \"tags\": [\"Video\", \"Wan\"],"
                    + " \"civitai\": {\"trainedWords\": [\"go\"]}, \"favorite\": true}")
                .formatted(filePath()))
        .then()
        .statusCode(200);

    String text =
        new String(LibraryFixture.read(LibraryFixture.sidecarOf(model)), StandardCharsets.UTF_8);
    Approvals.verify(text, JsonSnapshots.options(library));
  }

  @Test
  void addTagsResponse() {
    verifyJson(
        post("add-tags", "{\"file_path\": \"%s\", \"tags\": [\"Motion\"]}".formatted(filePath())));
  }

  @Test
  void replacePreviewResponse() {
    verifyJson(
        given()
            .multiPart("preview_file", "p.png", LibraryFixture.PNG, "image/png")
            .multiPart("model_path", filePath())
            .multiPart("nsfw_level", "1")
            .post("/api/lm/loras/replace-preview"));
  }

  @Test
  void verifyDuplicatesResponse() {
    LibraryFixture.write(model, "changed".getBytes(StandardCharsets.UTF_8));
    verifyJson(post("verify-duplicates", "{\"file_paths\": [\"%s\"]}".formatted(filePath())));
  }

  private void verifyJson(Response response) {
    String body =
        response.then().statusCode(200).contentType("application/json").extract().asString();
    JsonSnapshots.verify(body, library);
  }
}
