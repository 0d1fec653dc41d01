package io.loramanager.recipe.parse;

import static io.loramanager.recipe.parse.ParserTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.Entries;
import org.junit.jupiter.api.Test;

/**
 * ComfyUI, SwarmUI, recipe-marker and Civitai-meta parsers and the selection order (§2.3, §2.7).
 */
class OtherParsersTest {

  @Test
  void comfyLoadersResolveLocallyWithFloatWeights() {
    FakeLocalModels local =
        new FakeLocalModels()
            .lora(Entries.entry("a").sha256("1".repeat(64)).build())
            .lora(Entries.entry("b").sha256("2".repeat(64)).build());
    String prompt =
        "{\"1\":{\"class_type\":\"LoraLoader\",\"inputs\":{\"lora_name\":\"a.safetensors\",\"strength_model\":0.55}},"
            + "\"2\":{\"class_type\":\"LoraLoaderLM\",\"inputs\":{\"loras\":{\"__value__\":[{\"name\":\"b\",\"strength\":\"0.80\",\"active\":true},"
            + "{\"name\":\"off\",\"strength\":1,\"active\":false},{\"name\":\"dummy\",\"active\":true,\"_isDummy\":true}]}}},"
            + "\"3\":{\"class_type\":\"LoraLoader\",\"inputs\":{\"lora_name\":\"unknown\",\"strength_model\":\"bad\"}},"
            + "\"4\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":5,\"steps\":20,\"cfg\":7,\"sampler_name\":\"euler\"}},"
            + "\"5\":{\"class_type\":\"CLIPTextEncode\",\"_meta\":{\"title\":\"Positive\"},\"inputs\":{\"text\":\"a cat\"}}}";
    FakeCivitai civitai = new FakeCivitai();
    ObjectNode result = parse(prompt, local, civitai);
    assertThat(result.get("from_comfy_metadata").asBoolean()).isTrue();
    assertThat(result.get("loras")).hasSize(2);
    assertThat(result.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.55);
    assertThat(result.get("loras").get(1).get("weight").asDouble()).isEqualTo(0.8);
    assertThat(result.get("gen_params").toString())
        .isEqualTo(
            "{\"sampler\":\"euler\",\"steps\":20,\"cfg_scale\":7,\"seed\":5,\"prompt\":\"a cat\"}");
    assertThat(local.queries).containsExactly("name:a.safetensors@", "name:b@", "name:unknown@");
    assertThat(civitai.calls).isEmpty();
  }

  @Test
  void comfyAirCheckpointAndExtraMetadata() {
    FakeCivitai civitai =
        new FakeCivitai()
            .version(
                "2224012",
                FakeCivitai.version(
                    2224012,
                    1908679,
                    "Big",
                    "Checkpoint",
                    "v1",
                    "SDXL 1.0",
                    "big.safetensors",
                    "6".repeat(64)));
    String prompt =
        "{\"1\":{\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"urn:air:sdxl:checkpoint:civitai:1908679@2224012\"}},"
            + "\"extraMetadata\":\"{\\\"prompt\\\":\\\"hi\\\",\\\"steps\\\":35,\\\"width\\\":1024,\\\"height\\\":1024}\"}";
    ObjectNode result = parse(prompt, new FakeLocalModels(), civitai);
    assertThat(result.get("checkpoint").get("modelId").asLong()).isEqualTo(1908679);
    assertThat(result.get("checkpoint").get("id").asLong()).isEqualTo(2224012);
    assertThat(result.get("gen_params").toString())
        .isEqualTo("{\"prompt\":\"hi\",\"steps\":35,\"size\":\"1024x1024\"}");
  }

  @Test
  void swarmParamsModelsAndLoras() {
    String json =
        "{\"sui_image_params\":{\"prompt\":\"p\",\"negativeprompt\":\"n\",\"steps\":20,\"seed\":1,\"cfgscale\":7,\"width\":512,\"height\":768},"
            + "\"sui_models\":[{\"name\":\"base.safetensors\",\"param\":\"model\",\"hash\":\"0xabc\"},"
            + "{\"name\":\"style.safetensors\",\"param\":\"loras\",\"hash\":\"0xdef\"},{\"name\":\"my_lora_v1.safetensors\",\"param\":\"x\",\"hash\":\"\"}]}";
    ObjectNode result = parse(json);
    assertThat(result.get("from_sui_image_params").asBoolean()).isTrue();
    assertThat(result.get("gen_params").toString())
        .isEqualTo(
            "{\"prompt\":\"p\",\"negative_prompt\":\"n\",\"steps\":20,\"seed\":1,\"cfg_scale\":7,\"width\":512,\"height\":768,\"size\":\"512x768\"}");
    assertThat(result.get("checkpoint").get("name").asText()).isEqualTo("base");
    assertThat(result.get("checkpoint").get("hash").asText()).isEqualTo("abc");
    assertThat(result.get("loras")).hasSize(2);
    assertThat(result.get("loras").get(0).get("name").asText()).isEqualTo("style");
    assertThat(result.get("loras").get(0).get("file_name").asText()).isEqualTo("style.safetensors");
    assertThat(result.get("loras").get(0).get("hash").asText()).isEqualTo("def");
  }

  @Test
  void swarmWithEmptyParams() {
    ObjectNode result = parse("{\"sui_image_params\":{}}");
    assertThat(result.get("loras")).isEmpty();
    assertThat(result.get("gen_params").toString()).isEqualTo("{}");
    assertThat(result.has("error")).isFalse();
  }

  @Test
  void recipeMarkerWinsOverA1111AndMatchesTheLibrary() {
    FakeLocalModels local =
        new FakeLocalModels()
            .lora(Entries.entry("fox").sha256("9".repeat(64)).autov3("abcdefabcdef").build())
            .lora(
                Entries.entry("byversion")
                    .sha256("8".repeat(64))
                    .civitai(42L, 4L, "v", "c")
                    .build());
    String text =
        "fox\nSteps: 30 \n Recipe metadata: {\"title\":\"Fox\",\"base_model\":\"SDXL 1.0\",\"tags\":[\"a\"],"
            + "\"loras\":[{\"file_name\":\"fox\",\"hash\":\"ABCDEFABCDEF\",\"strength\":0.7,\"modelVersionId\":1,\"modelName\":\"Fox\",\"modelVersionName\":\"v2\"},"
            + "{\"file_name\":\"\",\"hash\":\"\",\"strength\":1.0,\"modelVersionId\":42,\"modelName\":\"BV\",\"modelVersionName\":\"v\"},"
            + "{\"file_name\":\"gone\",\"hash\":\"\",\"strength\":0.5,\"modelVersionId\":0,\"modelName\":\"Gone\",\"modelVersionName\":\"\"}],"
            + "\"gen_params\":{\"prompt\":\"fox\",\"steps\":30,\"scheduler\":\"x\"}}";
    ObjectNode result = parse(text, local, null);
    assertThat(result.get("from_recipe_metadata").asBoolean()).isTrue();
    assertThat(result.get("title").asText()).isEqualTo("Fox");
    assertThat(result.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(result.get("gen_params").toString()).isEqualTo("{\"prompt\":\"fox\",\"steps\":30}");
    assertThat(result.get("loras").get(0).get("existsLocally").asBoolean()).isTrue();
    assertThat(result.get("loras").get(0).get("hash").asText()).isEqualTo("9".repeat(64));
    assertThat(result.get("loras").get(1).get("hash").asText()).isEqualTo("8".repeat(64));
    assertThat(result.get("loras").get(2).get("existsLocally").asBoolean()).isFalse();
    assertThat(result.get("loras").get(2).get("inLibrary").asBoolean()).isFalse();
  }

  @Test
  void malformedRecipeMarkerIsAnError() {
    ObjectNode result = parse("Recipe metadata: {not json}");
    assertThat(result.get("error").asText()).startsWith("Invalid recipe metadata: ");
    assertThat(result.get("loras")).isEmpty();
  }

  @Test
  void civitaiMetaWithHashesAndResources() {
    FakeLocalModels local =
        new FakeLocalModels().lora(Entries.entry("mine").sha256("7".repeat(64)).build());
    String meta =
        "{\"meta\":{\"prompt\":\"p\",\"negativePrompt\":\"n\",\"cfgScale\":5,\"Size\":\"512x512\",\"baseModel\":\"Illustrious\","
            + "\"resources\":[{\"type\":\"model\",\"name\":\"ckpt\",\"hash\":\"0000000000\"},{\"type\":\"lora\",\"name\":\"mine\",\"hash\":\"7777777777\",\"weight\":0.333}],"
            + "\"hashes\":{\"LORA:猫\":\"1111111111\",\"lora:mine\":\"7777777777\"}}}";
    ObjectNode result = parse(meta, local, null);
    assertThat(result.get("from_civitai_image").asBoolean()).isTrue();
    assertThat(result.get("base_model").asText()).isEqualTo("Illustrious");
    assertThat(result.get("model").get("type").asText()).isEqualTo("model");
    assertThat(result.has("checkpoint")).isFalse();
    assertThat(result.get("loras")).hasSize(2);
    assertThat(result.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.33);
    assertThat(result.get("loras").get(0).get("existsLocally").asBoolean()).isTrue();
    assertThat(result.get("loras").get(1).get("name").asText()).isEqualTo("猫");
    assertThat(result.get("gen_params").toString())
        .isEqualTo(
            "{\"prompt\":\"p\",\"negative_prompt\":\"n\",\"cfg_scale\":5,\"size\":\"512x512\"}");
  }

  @Test
  void selectionAnswersForTextNoParserUnderstands() {
    assertThat(parse("just a caption").toString())
        .isEqualTo("{\"error\":\"No parser found for this image\",\"loras\":[]}");
    assertThat(parse("{\"3\": {\"class_type\": ").get("error").asText())
        .isEqualTo("No parser found for this image");
    assertThat(parse("  ").get("error").asText())
        .isEqualTo(
            "This image does not contain any generation metadata (prompt, models, or parameters)");
    assertThat(parse("[1,2]").get("error").asText()).isEqualTo("No parser found for this image");
  }

  @Test
  void fingerprintIsSortedAndSkipsExcludedAndEmpty() throws Exception {
    String loras =
        "[{\"hash\":\"BB\",\"strength\":0.7},{\"hash\":\"\",\"modelVersionId\":12,\"weight\":\"x\"},"
            + "{\"hash\":\"aa\",\"weight\":1},{\"hash\":\"cc\",\"exclude\":true},{\"hash\":\"\"},{\"id\":5,\"weight\":0.456}]";
    assertThat(LoraFingerprint.of(ParserTestSupport.JSON.readTree(loras)))
        .isEqualTo("12:1.0|5:0.46|aa:1.0|bb:0.7");
    assertThat(LoraFingerprint.of(ParserTestSupport.JSON.readTree("[]"))).isEmpty();
  }
}
