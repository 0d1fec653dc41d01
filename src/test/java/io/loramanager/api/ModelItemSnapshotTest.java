package io.loramanager.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
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
 * The shapes of the model list responses (anchor-api §2.1 ModelItem, §2.2 page envelope), pinned as
 * approved snapshots next to this class. The library is built with fixed sidecar values, and the
 * absolute library path is scrubbed to {@code <LIBRARY>}.
 *
 * <p>A mismatch writes {@code *.received.txt} beside the approved file and prints the command that
 * approves it; no diff tool is opened (set {@code APPROVAL_TESTS_USE_REPORTER} to get one).
 */
@QuarkusTest
class ModelItemSnapshotTest {

  /** Re-prints numbers exactly as the server wrote them (no float rounding, no stripped zeros). */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private LibraryFixture library;

  @BeforeEach
  void buildLibrary() {
    library = TestLibrary.fresh();
    Path alice =
        library.modelWithSidecar(
            library.loras(), "characters/Alice_v2.safetensors", ModelItemSnapshotTest::alice);
    library.preview(alice, ".preview.png");
    library.modelWithSidecar(
        library.loras(),
        "Old_style.safetensors",
        sidecar -> {
          sidecar.put("modified", 1690000000.0);
          sidecar.put("exclude", true);
          sidecar.put("from_civitai", false);
        });
    library.modelWithSidecar(
        library.checkpoints(),
        "sdxl/base_xl.safetensors",
        sidecar -> {
          sidecar.put("model_name", "Base XL");
          sidecar.put("base_model", "SDXL 1.0");
          sidecar.put("modified", 1700000200.0);
          sidecar.put("sub_type", "checkpoint");
        });
    library.modelWithSidecar(
        library.embeddings(),
        "EasyNegative.pt",
        sidecar -> {
          sidecar.put("modified", 1700000300.25);
          sidecar.putArray("tags").add("negative");
          sidecar.put("notes", "put in the negative prompt");
        });
    TestLibrary.scanAll();
  }

  /** A LoRA as Civitai describes it: full civitai section, tags, usage tips, favourite. */
  private static void alice(ObjectNode sidecar) {
    sidecar.put("model_name", "Alice (anime style)");
    sidecar.put("base_model", "SDXL 1.0");
    sidecar.put("modified", 1700000100.5);
    sidecar.put("preview_nsfw_level", 1);
    sidecar.put("notes", "best at 0.8");
    sidecar.put("favorite", true);
    sidecar.put("usage_tips", "{\"strength_min\":0.6,\"strength_max\":1.0}");
    sidecar.putArray("tags").add("character").add("anime");
    ObjectNode civitai = sidecar.putObject("civitai");
    civitai.put("id", 1111);
    civitai.put("modelId", 222);
    civitai.put("name", "v2.0");
    civitai.put("createdAt", "2024-01-02T03:04:05.000Z");
    civitai.put("updatedAt", "2024-01-03T03:04:05.000Z");
    civitai.put("publishedAt", "2024-01-02T04:00:00.000Z");
    civitai.putArray("trainedWords").add("alice").add("blue dress");
    civitai.put("baseModel", "SDXL 1.0");
    civitai.put("description", "<p>Second version.</p>");
    ObjectNode model = civitai.putObject("model");
    model.put("name", "Alice");
    model.put("type", "LORA");
    model.put("nsfw", false);
    model.putArray("tags").add("character").add("anime");
    model.put("allowNoCredit", true);
    model.putArray("allowCommercialUse").add("Image");
    model.put("allowDerivatives", true);
    ObjectNode image = civitai.putArray("images").addObject();
    image.put("url", "https://image.example/alice-1.jpeg");
    image.put("nsfwLevel", 1);
    image.put("width", 832);
    image.put("height", 1216);
    image.put("type", "image");
    ObjectNode creator = civitai.putObject("creator");
    creator.put("username", "painter");
    creator.put("image", "https://image.example/painter.png");
    ObjectNode file = civitai.putArray("files").addObject();
    file.put("name", "Alice_v2.safetensors");
    file.put("primary", true);
    file.putObject("hashes").put("SHA256", sidecar.get("sha256").asText().toUpperCase());
  }

  @Test
  void loraListPage() {
    verifyJson("/api/lm/loras/list");
  }

  @Test
  void checkpointListPage() {
    verifyJson("/api/lm/checkpoints/list");
  }

  @Test
  void embeddingListPage() {
    verifyJson("/api/lm/embeddings/list");
  }

  @Test
  void excludedLoraPage() {
    verifyJson("/api/lm/loras/excluded");
  }

  private void verifyJson(String path) {
    String body =
        given()
            .get(path)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    Approvals.verify(pretty(body), snapshotOptions());
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
