package io.loramanager.recipe.parse;

import static io.loramanager.recipe.parse.ParserTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.Entries;
import org.junit.jupiter.api.Test;

/** The A1111 grammar (§2.5) and resolution (§2.6) beyond the golden examples (§5.3 cases). */
class A1111ParserTest {

  @Test
  void negativePromptWithoutStepsGivesNoGenParams() {
    ObjectNode cut = parse("a cat\nNegative prompt: dog, Steps: 20 and more");
    assertThat(cut.get("gen_params").toString())
        .isEqualTo("{\"prompt\":\"a cat\",\"negative_prompt\":\"dog,\",\"steps\":\"20 and more\"}");
    ObjectNode none = parse("a cat, Steps: 5 in the prompt\nNegative prompt: dog");
    assertThat(none.get("gen_params").toString()).isEqualTo("{}");
  }

  @Test
  void parametersWithNoPromptParse() {
    ObjectNode result = parse("Steps: 20, Sampler: Euler, Seed: 99999999999999999999");
    assertThat(result.get("gen_params").toString())
        .isEqualTo("{\"steps\":20,\"sampler\":\"Euler\",\"seed\":99999999999999999999}");
    assertThat(result.get("loras")).isEmpty();
    assertThat(result.has("checkpoint")).isFalse();
    assertThat(result.get("base_model").isNull()).isTrue();
  }

  @Test
  void emptyNegativePromptAndResourceCheckpointHashIsLowerCased() {
    FakeCivitai civitai =
        new FakeCivitai()
            .version(
                "2442439",
                FakeCivitai.version(
                    2442439,
                    11,
                    "Flux",
                    "Checkpoint",
                    "v1",
                    "sdxl",
                    "flux.safetensors",
                    "ABC123FF"));
    ObjectNode result =
        parse(
            "x\nNegative prompt: Steps: 4, Civitai resources: [{\"type\":\"checkpoint\",\"modelVersionId\":\"2442439\"}]",
            new FakeLocalModels(),
            civitai);
    assertThat(result.get("checkpoint").get("hash").asText()).isEqualTo("abc123ff");
    assertThat(result.get("checkpoint").get("file_name").asText()).isEqualTo("flux");
    assertThat(result.get("model")).isEqualTo(result.get("checkpoint"));
    assertThat(result.get("base_model").asText()).isEqualTo("sdxl");
    assertThat(result.get("gen_params").get("negative_prompt").asText()).isEmpty();
    assertThat(civitai.calls).containsExactly("version:2442439");
  }

  @Test
  void loraHashesFillAnEmptyHashesEntry() {
    FakeCivitai civitai =
        new FakeCivitai()
            .hash(
                "abcdef123456",
                FakeCivitai.version(
                    100, 10, "Real", "LORA", "v1", "SD 1.5", "real.safetensors", "F".repeat(64)));
    ObjectNode result =
        parse(
            "p <lora:real:0.6> <lora:gone:0.5>\nSteps: 4, Hashes: {\"lora:real\": \"\", \"lora:gone\": \"\"}, Lora hashes: \"real: abcdef123456\"",
            new FakeLocalModels(),
            civitai);
    assertThat(result.get("loras")).hasSize(1);
    assertThat(result.get("loras").get(0).get("id").asLong()).isEqualTo(100);
    assertThat(result.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.6);
  }

  @Test
  void promptLorasWithoutHashesResolveLocallyByNameAndUnknownOnesAreDropped() {
    FakeLocalModels local =
        new FakeLocalModels()
            .lora(Entries.entry("local_only").baseModel("SDXL 1.0").sha256("e".repeat(64)).build());
    FakeCivitai civitai = new FakeCivitai();
    ObjectNode result =
        parse("p <lora:styles/local_only:0.65> <lora:missing:1>\nSteps: 4", local, civitai);
    assertThat(result.get("loras")).hasSize(1);
    assertThat(result.get("loras").get(0).get("file_name").asText()).isEqualTo("local_only");
    assertThat(result.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.65);
    assertThat(result.get("loras").get(0).get("existsLocally").asBoolean()).isTrue();
    assertThat(result.get("loras").get(0).get("localPath").asText())
        .isEqualTo("/lib/local_only.safetensors");
    assertThat(civitai.calls).isEmpty();
    assertThat(local.queries).containsExactly("name:local_only@", "name:missing@");
  }

  @Test
  void aHashIsPreferredOverACollidingLocalName() {
    FakeLocalModels local =
        new FakeLocalModels().lora(Entries.entry("shared").sha256("1".repeat(64)).build());
    FakeCivitai civitai =
        new FakeCivitai()
            .hash(
                "aaaaaaaaaa",
                FakeCivitai.version(
                    100,
                    10,
                    "Remote",
                    "LORA",
                    "v1",
                    "SD 1.5",
                    "remote.safetensors",
                    "2".repeat(64)));
    ObjectNode result =
        parse("p <lora:shared:1>\nSteps: 4, Lora hashes: \"shared: aaaaaaaaaa\"", local, civitai);
    assertThat(result.get("loras").get(0).get("id").asLong()).isEqualTo(100);
    assertThat(local.queries).containsExactly("hash:aaaaaaaaaa", "hash:" + "2".repeat(64));
  }

  @Test
  void civitaiNotFoundFallsBackToTheLocalName() {
    FakeLocalModels local =
        new FakeLocalModels().lora(Entries.entry("mine").sha256("3".repeat(64)).build());
    ObjectNode result =
        parse(
            "p <lora:mine:0.4>\nSteps: 4, Lora hashes: \"mine: 0123456789\"",
            local,
            new FakeCivitai());
    assertThat(result.get("loras")).hasSize(1);
    assertThat(result.get("loras").get(0).get("hash").asText()).isEqualTo("3".repeat(64));
    assertThat(result.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.4);
  }

  @Test
  void nonLoraCivitaiTypeDropsTheEntry() {
    FakeCivitai civitai =
        new FakeCivitai()
            .hash(
                "bbbbbbbbbb",
                FakeCivitai.version(
                    5, 6, "Net", "Hypernetwork", "v1", "SD 1.5", "net.pt", "4".repeat(64)));
    ObjectNode result =
        parse(
            "p <hypernet:net:0.3>\nSteps: 4, Hashes: {\"hypernet:net\": \"bbbbbbbbbb\"}",
            new FakeLocalModels(),
            civitai);
    assertThat(result.get("loras")).isEmpty();
  }

  @Test
  void withoutCivitaiUnresolvedHashedEntriesAreKeptNotDeleted() {
    ObjectNode result = parse("p <lora:x:0.3>\nSteps: 4, Lora hashes: \"x: cccccccccc\"");
    assertThat(result.get("loras")).hasSize(1);
    assertThat(result.get("loras").get(0).get("isDeleted").asBoolean()).isFalse();
    assertThat(result.get("loras").get(0).get("hash").asText()).isEqualTo("cccccccccc");
  }

  @Test
  void modelHashFallbackResolvesTheCheckpoint() {
    FakeCivitai civitai =
        new FakeCivitai()
            .hash(
                "c3688ee04c",
                FakeCivitai.version(
                    7,
                    8,
                    "Flux Dev",
                    "Checkpoint",
                    "fp8",
                    "flux",
                    "flux_dev.safetensors",
                    "5".repeat(64)));
    ObjectNode result =
        parse(
            "p\nSteps: 4, Model hash: c3688ee04c, Model: whatever", new FakeLocalModels(), civitai);
    assertThat(result.get("checkpoint").get("name").asText()).isEqualTo("Flux Dev");
    assertThat(result.get("checkpoint").get("file_name").asText()).isEqualTo("flux_dev");
    assertThat(result.get("base_model").asText()).isEqualTo("flux");
    assertThat(result.get("loras")).isEmpty();
  }

  @Test
  void duplicateTagsCountOnceAndTwoWeightTagsAreNotRecognised() {
    ObjectNode result =
        parse(
            "p <lora:a:0.5> <LORA:a:0.5> <lora:a:0.5> <lora:b:0.8:0.5>\nSteps: 4, Lora hashes: \"a: dddddddddd, b: eeeeeeeeee\"");
    assertThat(result.get("loras")).hasSize(2);
    assertThat(result.get("loras").get(0).get("weight").asDouble()).isEqualTo(0.5);
    assertThat(result.get("loras").get(1).get("weight").asDouble()).isEqualTo(1.0);
  }
}
