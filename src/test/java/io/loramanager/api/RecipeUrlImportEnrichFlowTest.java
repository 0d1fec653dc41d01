package io.loramanager.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.loramanager.civitai.CivitaiConnectivity;
import io.loramanager.testsupport.CdnStub;
import io.loramanager.testsupport.CivitaiFixtures;
import io.loramanager.testsupport.CivitaiStub;
import io.loramanager.testsupport.ImageFixtures;
import io.loramanager.testsupport.TestLibrary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enricher step of a Civitai image import (anchor-recipes §2.9, {@code RecipeEnricher}):
 * generation parameters of the file's EXIF overlaid by the API's, blacklisted keys dropped, the
 * checkpoint resolved from its version id into the enricher's shape, {@code base_model} replaced
 * only when empty, and {@code preview_nsfw_level} from the image's level.
 */
@QuarkusTest
class RecipeUrlImportEnrichFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA256 = "ef".repeat(32);
  private static final String EXIF_TEXT =
      "exif prompt\nNegative prompt: exif negative\nSteps: 20, Sampler: Euler, CFG scale: 7,"
          + " Seed: 1, Size: 512x512, Denoising strength: 0.4";
  private static final String CHECKPOINT_VERSION =
      "{\"id\": 128078, \"modelId\": 101055, \"name\": \"v1.0 VAE fix\","
          + " \"baseModel\": \"Illustrious\", \"model\": {\"name\": \"SD XL\", \"type\":"
          + " \"Checkpoint\"}, \"files\": [], \"images\": []}";

  @CivitaiStub WireMockServer civitai;
  @CdnStub WireMockServer cdn;
  @Inject CivitaiConnectivity connectivity;

  @BeforeEach
  void reset() {
    civitai.resetAll();
    cdn.resetAll();
    await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.offline());
    TestLibrary.fresh();
    TestLibrary.scan("loras");
  }

  @Test
  void exifAndApiParamsMergeAndTheCheckpointResolvesByVersionId() throws Exception {
    byte[] jpeg =
        ImageFixtures.jpeg(
            ImageFixtures.unicodeComment(EXIF_TEXT, ByteOrder.BIG_ENDIAN),
            null,
            ByteOrder.BIG_ENDIAN);
    serve("/img/exif.jpeg", jpeg);
    stubImage(
        901,
        "\"browsingLevel\": 4, \"nsfwLevel\": \"X\"",
        "/img/exif.jpeg",
        "\"prompt\": \"api prompt\", \"negativePrompt\": \"blurry\", \"steps\": 30,"
            + " \"sampler\": \"DPM++ 2M\", \"cfgScale\": 5, \"seed\": 99, \"Size\": \"832x1216\","
            + " \"clipSkip\": 2, \"width\": 832, \"height\": 1216, \"Model\": \"sdXL_v10\","
            + " \"hashes\": {\"model\": \"e6bb9ea85b\"}, \"resources\": [], \"modelVersionId\":"
            + " 128078, \"civitaiResources\": [{\"type\": \"lora\", \"weight\": 0.7,"
            + " \"modelVersionId\": "
            + CivitaiFixtures.VERSION_ID
            + "}]");
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/model-versions/" + CivitaiFixtures.VERSION_ID))
            .willReturn(okJson(CivitaiFixtures.version(SHA256, cdn))));
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/model-versions/128078"))
            .willReturn(okJson(CHECKPOINT_VERSION)));

    JsonNode answer = analyze("https://civitai.com/images/901");

    assertThat(answer.get("gen_params").toString())
        .isEqualTo(
            "{\"prompt\":\"api prompt\",\"negative_prompt\":\"blurry\",\"steps\":30,"
                + "\"sampler\":\"DPM++ 2M\",\"cfg_scale\":5,\"seed\":99,\"size\":\"832x1216\","
                + "\"clip_skip\":2,\"denoising_strength\":\"0.4\"}");
    assertThat(answer.get("checkpoint").toString())
        .isEqualTo(
            "{\"type\":\"checkpoint\",\"modelId\":101055,\"modelVersionId\":128078,"
                + "\"modelName\":\"SD XL\",\"modelVersionName\":\"v1.0 VAE fix\"}");
    // The LoRAs' base model is specific: the checkpoint's does not replace it.
    assertThat(answer.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(answer.get("preview_nsfw_level").asInt()).isEqualTo(4);
    assertThat(answer.get("from_civitai_image").asBoolean()).isTrue();
    assertThat(answer.get("loras").get(0).get("id").asLong()).isEqualTo(CivitaiFixtures.VERSION_ID);
  }

  @Test
  void emptyBaseModelTakesTheCheckpointsAndNsfwLevelNameIsMapped() throws Exception {
    serve("/img/plain.jpeg", CivitaiFixtures.JPEG);
    stubImage(
        902,
        "\"nsfwLevel\": \"PG13\"",
        "/img/plain.jpeg",
        "\"prompt\": \"a castle\", \"steps\": 25, \"modelVersionId\": \"128078\"");
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/model-versions/128078"))
            .willReturn(okJson(CHECKPOINT_VERSION)));

    JsonNode answer = analyze("https://civitai.com/images/902");

    assertThat(answer.get("gen_params").toString())
        .isEqualTo("{\"prompt\":\"a castle\",\"steps\":25}");
    assertThat(answer.get("base_model").asText()).isEqualTo("Illustrious");
    assertThat(answer.get("checkpoint").get("modelVersionId").asLong()).isEqualTo(128078);
    assertThat(answer.get("preview_nsfw_level").asInt()).isEqualTo(2);
  }

  @Test
  void unresolvableCheckpointFallsBackToItsNameAndNoLevelMeansNoKey() throws Exception {
    serve("/img/plain.jpeg", CivitaiFixtures.JPEG);
    stubImage(
        903,
        "\"nsfwLevel\": \"Unknown\"",
        "/img/plain.jpeg",
        "\"prompt\": \"a bridge\", \"Model\": \"mystery_mix\", \"Model hash\": \"abcdef1234\"");
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/model-versions/by-hash/abcdef1234"))
            .willReturn(notFound().withBody("{\"error\":\"Model not found\"}")));

    JsonNode answer = analyze("https://civitai.com/images/903");

    assertThat(answer.get("checkpoint").toString())
        .isEqualTo("{\"type\":\"checkpoint\",\"modelName\":\"mystery_mix\"}");
    assertThat(answer.has("preview_nsfw_level")).isFalse();
    assertThat(answer.get("gen_params").toString()).isEqualTo("{\"prompt\":\"a bridge\"}");
    civitai.verify(
        1,
        getRequestedFor(
            urlPathEqualTo(CivitaiFixtures.API + "/model-versions/by-hash/abcdef1234")));
  }

  @Test
  void civitaiDownDuringTheLookupKeepsTheAnalysisWithTheNamedCheckpoint() throws Exception {
    serve("/img/plain.jpeg", CivitaiFixtures.JPEG);
    stubImage(
        904,
        "\"browsingLevel\": 1",
        "/img/plain.jpeg",
        "\"prompt\": \"a lake\", \"Model\": \"lake_mix\", \"modelVersionId\": 555");
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/model-versions/555"))
            .willReturn(aResponse().withStatus(500)));

    JsonNode answer = analyze("https://civitai.com/images/904");

    assertThat(answer.get("checkpoint").toString())
        .isEqualTo("{\"type\":\"checkpoint\",\"modelName\":\"lake_mix\"}");
    assertThat(answer.get("preview_nsfw_level").asInt()).isEqualTo(1);
  }

  private void serve(String path, byte[] body) {
    cdn.stubFor(get(path).willReturn(aResponse().withBody(body)));
  }

  private void stubImage(long id, String levels, String mediaPath, String meta) {
    String image =
        "{\"items\":[{\"id\":"
            + id
            + ",\"url\":\""
            + CivitaiFixtures.cdnBase(cdn)
            + mediaPath
            + "\","
            + levels
            + ",\"meta\":{"
            + meta
            + "}}]}";
    civitai.stubFor(
        get(urlPathEqualTo(CivitaiFixtures.API + "/images"))
            .withQueryParam("imageId", equalTo(String.valueOf(id)))
            .willReturn(okJson(image)));
  }

  private static JsonNode analyze(String url) throws Exception {
    Response response = RecipeUrlImportFlowTest.analyzeUrl(url);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return JSON.readTree(response.asString());
  }
}
