package io.loramanager.recipe.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.Entries;
import org.junit.jupiter.api.Test;

/** The three worked A1111 examples of anchor-recipes §2.8, as golden cases. */
class A1111GoldenTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA_CKPT = "A".repeat(64);
  private static final String SHA_DETAIL = "B".repeat(64);

  private static ObjectNode parse(String text, FakeLocalModels local, FakeCivitai civitai) {
    return new RecipeParsers(JSON, new ParseContext(local, civitai)).parse(text);
  }

  @Test
  void example1ForgeWithLoraHashesAndModelHash() {
    String text =
        "masterpiece, best quality, 1girl, silver hair, <lora:add_detail:0.6>, <lora:styles/watercolor_v2:0.85>\n"
            + "Negative prompt: lowres, bad anatomy, worst quality\n"
            + "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890, Size: 832x1216, Model hash: 7f96a1a9ca, Model: animagineXL_v31, Denoising strength: 0.4, Clip skip: 2, Hires upscale: 1.5, Lora hashes: \"add_detail: 7c6bad76eb54, watercolor_v2: 1a2b3c4d5e6f\", Version: v1.10.1";
    FakeCivitai civitai =
        new FakeCivitai()
            .hash(
                "7f96a1a9ca",
                FakeCivitai.version(
                    403131,
                    260267,
                    "Animagine XL V3.1",
                    "Checkpoint",
                    "Animagine XL V3.1",
                    "SDXL 1.0",
                    "animagineXL_v31.safetensors",
                    SHA_CKPT))
            .hash(
                "7c6bad76eb54",
                FakeCivitai.version(
                    62833,
                    58390,
                    "Detail Tweaker LoRA",
                    "LORA",
                    "v1.0",
                    "SD 1.5",
                    "add_detail.safetensors",
                    SHA_DETAIL));
    FakeLocalModels local = new FakeLocalModels();

    ObjectNode result = parse(text, local, civitai);

    assertThat(result.get("from_automatic_metadata").asBoolean()).isTrue();
    assertThat(result.get("gen_params").toString())
        .isEqualTo(
            ("{\"prompt\":\"masterpiece, best quality, 1girl, silver hair, <lora:add_detail:0.6>, <lora:styles/watercolor_v2:0.85>\","
                + "\"negative_prompt\":\"lowres, bad anatomy, worst quality\",\"steps\":28,\"sampler\":\"DPM++ 2M\",\"cfg_scale\":6.5,"
                + "\"seed\":1234567890,\"size\":\"832x1216\",\"clip_skip\":\"2\",\"denoising_strength\":\"0.4\"}"));
    JsonNode checkpoint = result.get("checkpoint");
    assertThat(result.get("model")).isEqualTo(checkpoint);
    assertThat(checkpoint.get("id").asLong()).isEqualTo(403131);
    assertThat(checkpoint.get("modelId").asLong()).isEqualTo(260267);
    assertThat(checkpoint.get("name").asText()).isEqualTo("Animagine XL V3.1");
    assertThat(checkpoint.get("version").asText()).isEqualTo("Animagine XL V3.1");
    assertThat(checkpoint.get("type").asText()).isEqualTo("checkpoint");
    assertThat(checkpoint.get("hash").asText()).isEqualTo("a".repeat(64));
    assertThat(checkpoint.get("file_name").asText()).isEqualTo("animagineXL_v31");
    assertThat(checkpoint.get("baseModel").asText()).isEqualTo("SDXL 1.0");
    assertThat(checkpoint.get("isDeleted").asBoolean()).isFalse();
    assertThat(checkpoint.get("thumbnailUrl").asText())
        .isEqualTo("https://image.civitai.com/abc/width=450,optimized=true/403131.jpeg");

    JsonNode loras = result.get("loras");
    assertThat(loras).hasSize(2);
    JsonNode detail = loras.get(0);
    assertThat(detail.get("name").asText()).isEqualTo("Detail Tweaker LoRA");
    assertThat(detail.get("id").asLong()).isEqualTo(62833);
    assertThat(detail.get("modelId").asLong()).isEqualTo(58390);
    assertThat(detail.get("version").asText()).isEqualTo("v1.0");
    assertThat(detail.get("weight").asDouble()).isEqualTo(0.6);
    assertThat(detail.get("hash").asText()).isEqualTo("b".repeat(64));
    assertThat(detail.get("file_name").asText()).isEqualTo("add_detail");
    assertThat(detail.get("baseModel").asText()).isEqualTo("SD 1.5");
    assertThat(detail.get("existsLocally").asBoolean()).isFalse();
    assertThat(detail.get("isDeleted").asBoolean()).isFalse();
    assertThat(detail.get("downloadUrl").asText())
        .isEqualTo("https://civitai.com/api/download/models/62833");
    JsonNode watercolor = loras.get(1);
    assertThat(watercolor.get("name").asText()).isEqualTo("watercolor_v2");
    assertThat(watercolor.get("file_name").asText()).isEqualTo("watercolor_v2");
    assertThat(watercolor.get("weight").asDouble()).isEqualTo(0.85);
    assertThat(watercolor.get("hash").asText()).isEqualTo("1a2b3c4d5e6f");
    assertThat(watercolor.get("isDeleted").asBoolean()).isTrue();
    assertThat(watercolor.get("thumbnailUrl").asText()).isEqualTo(ParserEntries.NO_PREVIEW);
    assertThat(result.get("base_model").asText()).isEqualTo("SDXL 1.0");

    assertThat(civitai.calls)
        .containsExactly("hash:7f96a1a9ca", "hash:7c6bad76eb54", "hash:1a2b3c4d5e6f");
    assertThat(local.queries)
        .containsExactly(
            "hash:7c6bad76eb54",
            "hash:" + "b".repeat(64),
            "hash:1a2b3c4d5e6f",
            "name:watercolor_v2@SDXL 1.0");
  }

  @Test
  void example2CivitaiResourcesWithPromptWeightOverride() {
    String text =
        "cinematic photo of a red fox in a snowy forest, golden hour <lora:fox_detail_xl:0.7>\n"
            + "Negative prompt: cartoon, blurry\n"
            + "Steps: 30, CFG scale: 4, Sampler: Euler a, Seed: 987654321, workflow: txt2img, Size: 1024x1024, Clip skip: 2, Created Date: 2025-01-05T10:00:00.0000000Z, Civitai resources: [{\"type\":\"checkpoint\",\"modelVersionId\":128078,\"modelName\":\"SDXL\",\"modelVersionName\":\"v1.0 VAE fix\"},{\"type\":\"lora\",\"weight\":0.8,\"modelVersionId\":555001,\"modelName\":\"Fox Detail XL\",\"modelVersionName\":\"v2\"}], Civitai metadata: {}";
    FakeCivitai civitai =
        new FakeCivitai()
            .version(
                "128078",
                FakeCivitai.version(
                    128078,
                    101055,
                    "SD XL",
                    "Checkpoint",
                    "v1.0 VAE fix",
                    "SDXL 1.0",
                    "sdXL_v10VAEFix.safetensors",
                    "E6BB" + "2".repeat(60)))
            .version(
                "555001",
                FakeCivitai.version(
                    555001,
                    480001,
                    "Fox Detail XL",
                    "LORA",
                    "v2",
                    "SDXL 1.0",
                    "fox_detail_xl.safetensors",
                    "9F1E" + "3".repeat(60)));

    ObjectNode result = parse(text, new FakeLocalModels(), civitai);

    assertThat(result.get("gen_params").toString())
        .isEqualTo(
            ("{\"prompt\":\"cinematic photo of a red fox in a snowy forest, golden hour <lora:fox_detail_xl:0.7>\",\"negative_prompt\":\"cartoon, blurry\","
                + "\"steps\":30,\"sampler\":\"Euler a\",\"cfg_scale\":4.0,\"seed\":987654321,\"size\":\"1024x1024\",\"clip_skip\":\"2\"}"));
    JsonNode checkpoint = result.get("checkpoint");
    assertThat(checkpoint.get("id").asLong()).isEqualTo(128078);
    assertThat(checkpoint.get("modelId").asLong()).isEqualTo(101055);
    assertThat(checkpoint.get("name").asText()).isEqualTo("SD XL");
    assertThat(checkpoint.get("version").asText()).isEqualTo("v1.0 VAE fix");
    assertThat(checkpoint.get("file_name").asText()).isEqualTo("sdXL_v10VAEFix");
    assertThat(checkpoint.get("hash").asText()).isEqualTo("e6bb" + "2".repeat(60));
    assertThat(checkpoint.get("baseModel").asText()).isEqualTo("SDXL 1.0");
    JsonNode fox = result.get("loras").get(0);
    assertThat(result.get("loras")).hasSize(1);
    assertThat(fox.get("id").asLong()).isEqualTo(555001);
    assertThat(fox.get("modelId").asLong()).isEqualTo(480001);
    assertThat(fox.get("name").asText()).isEqualTo("Fox Detail XL");
    assertThat(fox.get("version").asText()).isEqualTo("v2");
    assertThat(fox.get("type").asText()).isEqualTo("lora");
    assertThat(fox.get("file_name").asText()).isEqualTo("fox_detail_xl");
    assertThat(fox.get("hash").asText()).isEqualTo("9f1e" + "3".repeat(60));
    assertThat(fox.get("weight").asDouble()).isEqualTo(0.7);
    assertThat(result.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(civitai.calls).containsExactly("version:128078", "version:555001");
  }

  @Test
  void example2WithoutCivitaiKeepsTheResourceWeight() {
    String text =
        "fox <lora:fox_detail_xl:0.7>\nSteps: 30, Civitai resources: [{\"type\":\"lora\",\"weight\":0.8,\"modelVersionId\":555001,\"modelName\":\"Fox Detail XL\",\"modelVersionName\":\"v2\"}]";
    ObjectNode result = parse(text, new FakeLocalModels(), null);
    JsonNode fox = result.get("loras").get(0);
    assertThat(fox.get("weight").asDouble()).isEqualTo(0.8);
    assertThat(fox.has("file_name")).isFalse();
    assertThat(fox.get("isDeleted").asBoolean()).isFalse();
  }

  @Test
  void example3HashesJsonMixedLocalLorasAndAHypernet() {
    String text =
        "a cozy cabin in the mountains, snow, <lora:cabin_style:1> <lora:painterly:0.5> <hypernet:oldfilm:0.3>\n"
            + "Steps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 768x512, Model hash: e6bb9ea85b, Model: sd_xl_base_1.0.safetensors, Hashes: {\"model\": \"e6bb9ea85b\", \"lora:cabin_style\": \"aabbccddeeff\", \"hypernet:oldfilm\": \"\"}";
    FakeLocalModels local =
        new FakeLocalModels()
            .lora(
                Entries.entry("painterly")
                    .filePath("/models/loras/painterly.safetensors")
                    .modelName("Painterly")
                    .baseModel("SDXL 1.0")
                    .sha256("c".repeat(64))
                    .build())
            .lora(
                Entries.entry("cabin_style")
                    .filePath("/models/loras/cabin_style.safetensors")
                    .modelName("Cabin Style")
                    .baseModel("SDXL 1.0")
                    .sha256("d".repeat(64))
                    .autov3("aabbccddeeff")
                    .civitai(700L, 600L, "v1", "someone")
                    .build());
    FakeCivitai civitai = new FakeCivitai();

    ObjectNode result = parse(text, local, civitai);

    assertThat(result.get("gen_params").toString())
        .isEqualTo(
            ("{\"prompt\":\"a cozy cabin in the mountains, snow, <lora:cabin_style:1> <lora:painterly:0.5> <hypernet:oldfilm:0.3>\","
                + "\"steps\":20,\"sampler\":\"Euler\",\"cfg_scale\":7.0,\"seed\":42,\"size\":\"768x512\"}"));
    JsonNode checkpoint = result.get("checkpoint");
    assertThat(checkpoint.get("id").asInt()).isZero();
    assertThat(checkpoint.get("modelId").asInt()).isZero();
    assertThat(checkpoint.get("name").asText()).isEqualTo("sd_xl_base_1.0.safetensors");
    assertThat(checkpoint.get("file_name").asText()).isEqualTo("sd_xl_base_1.0");
    assertThat(checkpoint.get("hash").asText()).isEqualTo("e6bb9ea85b");
    assertThat(checkpoint.get("isDeleted").asBoolean()).isTrue();
    assertThat(checkpoint.get("baseModel").asText()).isEmpty();
    JsonNode loras = result.get("loras");
    assertThat(loras).hasSize(2);
    assertThat(loras.get(0).get("name").asText()).isEqualTo("Painterly");
    assertThat(loras.get(0).get("file_name").asText()).isEqualTo("painterly");
    assertThat(loras.get(0).get("weight").asDouble()).isEqualTo(0.5);
    assertThat(loras.get(0).get("hash").asText()).isEqualTo("c".repeat(64));
    assertThat(loras.get(0).get("existsLocally").asBoolean()).isTrue();
    assertThat(loras.get(0).get("localPath").asText())
        .isEqualTo("/models/loras/painterly.safetensors");
    assertThat(loras.get(0).get("isDeleted").asBoolean()).isFalse();
    assertThat(loras.get(1).get("name").asText()).isEqualTo("Cabin Style");
    assertThat(loras.get(1).get("file_name").asText()).isEqualTo("cabin_style");
    assertThat(loras.get(1).get("weight").asDouble()).isEqualTo(1.0);
    assertThat(loras.get(1).get("hash").asText()).isEqualTo("d".repeat(64));
    assertThat(loras.get(1).get("id").asLong()).isEqualTo(700);
    assertThat(loras.get(1).get("modelId").asLong()).isEqualTo(600);
    assertThat(loras.get(1).get("version").asText()).isEqualTo("v1");
    assertThat(loras.get(1).get("existsLocally").asBoolean()).isTrue();
    assertThat(result.get("base_model").asText()).isEqualTo("SDXL 1.0");
    assertThat(civitai.calls).containsExactly("hash:e6bb9ea85b");
    assertThat(local.queries).containsExactly("name:painterly@", "hash:aabbccddeeff");
  }
}
