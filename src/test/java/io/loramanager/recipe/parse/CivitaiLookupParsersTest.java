package io.loramanager.recipe.parse;

import static io.loramanager.recipe.parse.ParserTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The Civitai seam as the non-A1111 parsers use it (version and hash lookups, §2.7). */
class CivitaiLookupParsersTest {

  private static final String SHA = "ABCD" + "1".repeat(60);

  @Test
  void civitaiMetaResourcesAreLookedUpByVersion() {
    FakeCivitai civitai =
        new FakeCivitai()
            .version(
                "11",
                FakeCivitai.version(
                    11, 1, "Ckpt", "Checkpoint", "v1", "Pony", "ckpt.safetensors", SHA))
            .version(
                "22",
                FakeCivitai.version(22, 2, "Style", "LORA", "v2", "Pony", "style.safetensors", SHA))
            .version(
                "33",
                FakeCivitai.version(33, 3, "Emb", "TextualInversion", "v3", "Pony", "emb.pt", SHA));
    String meta =
        "{\"prompt\":\"p\",\"civitaiResources\":[{\"type\":\"checkpoint\",\"modelVersionId\":11},"
            + "{\"type\":\"lora\",\"modelVersionId\":22,\"weight\":0.456},{\"type\":\"lora\",\"modelVersionId\":22},"
            + "{\"type\":\"embed\",\"modelVersionId\":33},{\"type\":\"lora\"}],"
            + "\"hashes\":{\"lora:gone\":\"9999999999\"}}";
    ObjectNode result = parse(meta, new FakeLocalModels(), civitai);
    assertThat(result.get("model").get("name").asText()).isEqualTo("Ckpt");
    assertThat(result.get("model").get("hash").asText()).isEqualTo(SHA.toLowerCase());
    assertThat(result.get("loras")).hasSize(2);
    assertThat(result.get("loras").get(0).get("name").asText()).isEqualTo("Style");
    assertThat(result.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.46);
    assertThat(result.get("loras").get(0).get("file_name").asText()).isEqualTo("style");
    assertThat(result.get("loras").get(1).get("isDeleted").asBoolean()).isTrue();
    assertThat(result.get("base_model").asText()).isEqualTo("Pony");
    assertThat(civitai.calls)
        .containsExactly("version:11", "version:22", "version:33", "hash:9999999999");
  }

  @Test
  void recipeMarkerLorasAndCheckpointFallBackToCivitai() {
    FakeCivitai civitai =
        new FakeCivitai()
            .version(
                "777111",
                FakeCivitai.version(
                    777111, 7, "Base", "Checkpoint", "v7", "sdxl", "base.safetensors", SHA))
            .version(
                "5",
                FakeCivitai.version(
                    5, 50, "Remote", "LORA", "r1", "sdxl", "remote.safetensors", SHA));
    String text =
        "Recipe metadata: {\"base_model\":\"old\",\"loras\":[{\"hash\":\"\",\"modelVersionId\":5,\"strength\":0.3,\"modelName\":\"\"}],"
            + "\"checkpoint\":{\"modelVersionId\":777111,\"hash\":\"X\"}}";
    ObjectNode result = parse(text, new FakeLocalModels(), civitai);
    assertThat(result.get("checkpoint").get("name").asText()).isEqualTo("Base");
    assertThat(result.get("base_model").asText()).isEqualTo("sdxl");
    assertThat(result.get("loras").get(0).get("name").asText()).isEqualTo("Remote");
    assertThat(result.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.3);
    assertThat(civitai.calls).containsExactly("version:5", "version:777111");
  }

  @Test
  void swarmAndComfyUseCivitaiForWhatTheLibraryLacks() {
    FakeCivitai civitai =
        new FakeCivitai()
            .hash(
                "beef",
                FakeCivitai.version(
                    8, 80, "SwarmLora", "LoCon", "v", "Flux.1 D", "sw.safetensors", SHA))
            .hash(
                "cafe",
                FakeCivitai.version(
                    9, 90, "SwarmCkpt", "Checkpoint", "v", "Flux.1 D", "ck.safetensors", SHA))
            .version(
                "456",
                FakeCivitai.version(
                    456, 45, "AirLora", "LORA", "v", "SDXL 1.0", "air.safetensors", SHA));
    ObjectNode swarm =
        parse(
            "{\"sui_image_params\":{},\"sui_models\":[{\"name\":\"a_lora\",\"hash\":\"0xbeef\"},{\"name\":\"ck\",\"param\":\"model\",\"hash\":\"0xcafe\"}]}",
            new FakeLocalModels(),
            civitai);
    assertThat(swarm.get("loras").get(0).get("type").asText()).isEqualTo("locon");
    assertThat(swarm.get("checkpoint").get("name").asText()).isEqualTo("SwarmCkpt");
    assertThat(swarm.get("base_model").asText()).isEqualTo("Flux.1 D");
    ObjectNode comfy =
        parse(
            "{\"1\":{\"class_type\":\"LoraLoaderLM\",\"inputs\":{\"loras\":[[{\"name\":\"urn:air:sdxl:lora:civitai:45@456\",\"strength\":0.5,\"active\":true}]]}}}",
            new FakeLocalModels(),
            civitai);
    assertThat(comfy.get("loras").get(0).get("id").asLong()).isEqualTo(456);
    assertThat(comfy.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.5);
  }
}
