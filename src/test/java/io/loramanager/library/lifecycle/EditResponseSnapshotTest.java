package io.loramanager.library.lifecycle;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
 * The response shapes of save-metadata, add-tags, replace-preview and verify-duplicates, and the
 * sidecar file an edit writes (reference layout, key order, unknown keys), pinned as snapshots.
 */
@QuarkusTest
class EditResponseSnapshotTest {

  private static final ObjectMapper JSON = new ObjectMapper();

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
    Approvals.verify(text, options());
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
    try {
      Approvals.verify(
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body)), options());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Response is not JSON: " + body, e);
    }
  }

  private Options options() {
    String root = LibraryFixture.slashes(library.dir());
    String encodedRoot =
        URLEncoder.encode(root, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    return new Options()
        .withScrubber(text -> text.replace(root, "<LIBRARY>").replace(encodedRoot, "<LIBRARY>"))
        .withReporter(
            new FirstWorkingReporter(EnvironmentVariableReporter.INSTANCE, QuietReporter.INSTANCE));
  }
}
