package io.loramanager.api;

import static io.loramanager.testsupport.ApiAssertions.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.civitai.CivitaiConnectivity;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.ForgeAnalysis;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.JsonSnapshots;
import io.loramanager.testsupport.LibraryFixture;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/lm/recipes/analyze-image (upload) through real HTTP against a real library. */
@QuarkusTest
class RecipeAnalyzeFlowTest {

  static final String FORGE = ForgeAnalysis.TEXT;

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
    ForgeAnalysis.painterly(library);
    TestLibrary.scan("loras");
  }

  /** The endpoint's answer for an image it finds no generation text in: 200, not an error. */
  static void assertNoMetadataFound(Response response) {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.asString())
        .isEqualTo("{\"error\":\"No metadata found in this image\",\"loras\":[]}");
  }

  static Response upload(String name, byte[] bytes) {
    return given()
        .multiPart("image", name, bytes, "application/octet-stream")
        .post("/api/lm/recipes/analyze-image");
  }

  @Test
  void forgePngIsParsedAndMatchedAgainstTheLibrary() {
    Response response = upload("forge.png", ImageFixtures.png().text("parameters", FORGE).build());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonSnapshots.verify(response.asString(), library);
  }

  @Test
  void jpegWithLittleEndianUserCommentIsParsed() {
    byte[] jpeg =
        ImageFixtures.jpeg(
            ImageFixtures.unicodeComment(FORGE, ByteOrder.LITTLE_ENDIAN),
            null,
            ByteOrder.LITTLE_ENDIAN);
    Response response = upload("photo.jpg", jpeg);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getString("gen_params.negative_prompt")).isEqualTo("blurry");
    assertThat(response.jsonPath().getString("loras[0].file_name")).isEqualTo("painterly");
    assertThat(response.jsonPath().getBoolean("loras[0].existsLocally")).isTrue();
    assertThat(response.jsonPath().getString("extension")).isEqualTo(".jpg");
    assertThat(response.jsonPath().getBoolean("is_video")).isFalse();
  }

  @Test
  void webpRecipeImageReimportsThroughTheRecipeMarker() {
    String text =
        FORGE
            + " \n Recipe metadata: {\"title\":\"Cabin\",\"base_model\":\"SDXL 1.0\",\"loras\":[],\"gen_params\":{\"steps\":20},\"tags\":[\"x\"]}";
    Response response =
        upload(
            "r.webp",
            ImageFixtures.webp(
                ImageFixtures.unicodeComment(text, ByteOrder.BIG_ENDIAN),
                null,
                ByteOrder.BIG_ENDIAN));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonSnapshots.verify(response.asString(), library);
  }

  @Test
  void imageWithoutMetadataAnswersNoMetadataFound() {
    Response response = upload("plain.png", ImageFixtures.png().text("Software", "GIMP").build());
    assertNoMetadataFound(response);
  }

  @Test
  void videoIsAcceptedWithoutMetadata() {
    byte[] mp4 =
        ImageFixtures.concat(
            new byte[] {0, 0, 0, 24}, "ftypisom".getBytes(StandardCharsets.US_ASCII), new byte[32]);
    Response response = upload("clip.mp4", mp4);
    assertNoMetadataFound(response);
  }

  @Test
  void truncatedPngAnswersNoMetadataFound() {
    byte[] whole = ImageFixtures.png().text("parameters", FORGE).build();
    Response response = upload("cut.png", Arrays.copyOf(whole, 60));
    assertNoMetadataFound(response);
  }

  @Test
  void malformedComfyJsonAnswersNoParser() {
    byte[] png =
        ImageFixtures.png().text("prompt", "{\"3\": {\"class_type\": \"KSampler\", ").build();
    Response response = upload("comfy.png", png);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.asString())
        .isEqualTo("{\"error\":\"No parser found for this image\",\"loras\":[]}");
  }

  @Test
  void comfyPromptJsonIsParsed() {
    String prompt =
        "{\"1\":{\"class_type\":\"LoraLoader\",\"inputs\":{\"lora_name\":\"painterly.safetensors\",\"strength_model\":0.9}},"
            + "\"2\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":7,\"steps\":25,\"cfg\":6.5,\"sampler_name\":\"euler\"}}}";
    Response response =
        upload(
            "comfy.png", ImageFixtures.png().text("prompt", prompt).text("workflow", "{}").build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getBoolean("from_comfy_metadata")).isTrue();
    assertThat(response.jsonPath().getFloat("loras[0].weight")).isEqualTo(0.9f);
    assertThat(response.jsonPath().getString("fingerprint"))
        .isEqualTo(response.jsonPath().getString("loras[0].hash") + ":0.9");
  }

  @Test
  void parametersWithNoPromptStillAnalyse() {
    Response response =
        upload(
            "np.png", ImageFixtures.png().text("parameters", "Steps: 12, Sampler: Euler").build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.jsonPath().getMap("gen_params"))
        .containsExactly(java.util.Map.entry("steps", 12), java.util.Map.entry("sampler", "Euler"));
    assertThat(response.jsonPath().getList("loras")).isEmpty();
    assertThat(response.jsonPath().getString("fingerprint")).isEmpty();
  }

  @Test
  void nonImageIsA400() {
    assertError(
        upload("notes.png", "just some text".getBytes(StandardCharsets.UTF_8)),
        400,
        "Not a supported image: expected PNG, JPEG, WebP, MP4 or WebM");
  }

  @Test
  void uploadOverTheLimitIsAJson413() {
    byte[] big = ImageFixtures.png().text("parameters", FORGE).pixelBytes(1024 * 1024 + 10).build();
    assertError(
        upload("big.png", big),
        413,
        "The image is "
            + big.length
            + " bytes; the limit is 1048576 bytes (lm.recipes.max-upload-bytes)");
  }

  @Test
  void multipartWithoutAFileIsA400() {
    Response response = given().multiPart("name", "x").post("/api/lm/recipes/analyze-image");
    assertError(response, 400, "No image uploaded: send the file in the multipart field 'image'");
  }

  @Test
  void urlImportWithoutAUrlIsA400() {
    assertError(
        given().contentType(ContentType.JSON).body("{}").post("/api/lm/recipes/analyze-image"),
        400,
        "url is required");
  }
}
