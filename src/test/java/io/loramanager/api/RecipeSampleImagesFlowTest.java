package io.loramanager.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.civitai.CivitaiConnectivity;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real-world-shaped samples in {@code src/test/resources/recipe-samples} through analyze-image,
 * against a library holding some of the models they name (by name, by hash, by Civitai version).
 */
@QuarkusTest
class RecipeSampleImagesFlowTest {

  private LibraryFixture library;

  // Civitai answers 404 to every lookup here: LoRAs the library lacks come back isDeleted.
  @CivitaiStub WireMockServer civitai;
  @Inject CivitaiConnectivity connectivity;

  @BeforeEach
  void library() {
    civitai.resetAll();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> !connectivity.offline());
    library = TestLibrary.fresh();
    library.modelWithSidecar(
        library.loras(),
        "detail/add_detail.safetensors",
        s -> {
          s.put("model_name", "Detail Tweaker LoRA");
          s.put("base_model", "SDXL 1.0");
          s.putObject("civitai").put("id", 62833).put("modelId", 58390).put("name", "v1.0");
        });
    library.modelWithSidecar(
        library.loras(),
        "fox_detail_xl.safetensors",
        s -> {
          s.put("model_name", "Fox Detail XL");
          s.put("base_model", "SDXL 1.0");
          s.putObject("civitai").put("id", 555001).put("modelId", 480001).put("name", "v2");
        });
    library.modelWithSidecar(
        library.checkpoints(),
        "animagineXL_v31.safetensors",
        s -> {
          s.put("sha256", "7f96a1a9ca" + "0".repeat(54));
          s.put("base_model", "SDXL 1.0");
        });
    TestLibrary.scan("loras");
    TestLibrary.scan("checkpoints");
  }

  private Response analyze(String sample) throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/recipe-samples/" + sample)) {
      bytes = in.readAllBytes();
    }
    Response response = RecipeAnalyzeFlowTest.upload(sample, bytes);
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  @Test
  void forgeA1111Png() throws IOException {
    JsonSnapshots.verify(analyze("forge-a1111.png").asString(), library);
  }

  @Test
  void comfyUiPromptAndWorkflowPng() throws IOException {
    JsonSnapshots.verify(analyze("comfyui-prompt-workflow.png").asString(), library);
  }

  @Test
  void civitaiGeneratorJpeg() throws IOException {
    JsonSnapshots.verify(analyze("civitai-generator.jpeg").asString(), library);
  }

  @Test
  void loraManagerRecipeWebp() throws IOException {
    JsonSnapshots.verify(analyze("lora-manager-recipe.webp").asString(), library);
  }

  @Test
  void swarmUiPng() throws IOException {
    JsonSnapshots.verify(analyze("swarmui.png").asString(), library);
  }
}
