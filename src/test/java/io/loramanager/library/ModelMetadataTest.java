package io.loramanager.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.testsupport.LibraryFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelMetadataTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> COMMON_KEYS =
      List.of(
          "file_name",
          "model_name",
          "file_path",
          "size",
          "modified",
          "sha256",
          "base_model",
          "preview_url",
          "preview_nsfw_level",
          "notes",
          "from_civitai",
          "civitai",
          "tags",
          "modelDescription",
          "civitai_deleted",
          "favorite",
          "exclude",
          "db_checked",
          "skip_metadata_refresh",
          "metadata_source",
          "last_checked_at",
          "hash_status",
          "autov3",
          "trainedWords");

  @TempDir Path dir;

  /** The reference sidecar of a real model file. */
  private ObjectNode valid() {
    Path model = dir.resolve("m.safetensors");
    LibraryFixture.write(model, new byte[] {1, 2, 3});
    return LibraryFixture.defaultSidecar(model);
  }

  private static List<String> keys(ObjectNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static ModelMetadata defaults(ModelType type, String sha, String autov3, String sub) {
    return ModelMetadata.createDefault(
        new ModelMetadata.NewModel(
            type, "m", "/lib/m.safetensors", 42, 1700000000.5, sha, "/lib/m.webp", autov3, sub));
  }

  @Test
  void aSidecarMissingRequiredKeysIsCorruptNamingThemInOrder() {
    ObjectNode node = valid();
    node.remove("preview_url");
    node.remove("sha256");
    node.remove("file_name");

    assertThatThrownBy(() -> ModelMetadata.of(node))
        .isInstanceOf(CorruptSidecarException.class)
        .hasMessage("missing required field(s) file_name, sha256, preview_url");
  }

  @Test
  void aRequiredKeyThatIsNullCountsAsMissing() {
    ObjectNode node = valid();
    node.putNull("base_model");

    assertThatThrownBy(() -> ModelMetadata.of(node))
        .isInstanceOf(CorruptSidecarException.class)
        .hasMessage("missing required field(s) base_model");
  }

  @Test
  void aNonNumericSizeOrModifiedIsCorrupt() {
    ObjectNode node = valid();
    node.put("size", "12");

    assertThatThrownBy(() -> ModelMetadata.of(node))
        .isInstanceOf(CorruptSidecarException.class)
        .hasMessage("'size' and 'modified' must be numbers");
  }

  @Test
  void aSidecarWithOnlyTheEightRequiredKeysIsValidAndGetsDefaults() throws Exception {
    ObjectNode node = MAPPER.createObjectNode();
    for (String key : ModelMetadata.REQUIRED) {
      node.put(key, "");
    }
    node.put("size", 1).put("modified", 2.5);

    ModelMetadata meta = ModelMetadata.of(node);

    assertThat(meta.bool("from_civitai", true)).isTrue();
    assertThat(meta.text("hash_status", "completed")).isEqualTo("completed");
    assertThat(meta.strings("tags")).isEmpty();
    assertThat(meta.civitai().isEmpty()).isTrue();
    assertThat(meta.autov3()).isNull();
  }

  @Test
  void privateUnderscoreKeysAreDroppedOnSaveAndUnknownKeysKeptInPlace() throws Exception {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("_unknown_fields", "x");
    node.put("hf_url", "https://huggingface.co/o/r");
    node.setAll(valid());
    node.put("_cache", 1);
    node.put("zz_custom", true);

    ModelMetadata meta = ModelMetadata.of(node);
    ObjectNode saved = meta.toNode();

    List<String> expected = new ArrayList<>();
    expected.add("hf_url");
    expected.addAll(keys(valid()));
    expected.add("zz_custom");
    assertThat(keys(saved)).containsExactlyElementsOf(expected);
    assertThat(meta.node().has("_cache")).as("the live tree is not changed").isTrue();
  }

  @Test
  void autov3HasThreeStates() throws Exception {
    ObjectNode absent = valid();
    absent.remove("autov3");
    ObjectNode checkedEmpty = valid();
    checkedEmpty.putNull("autov3");
    ObjectNode value = valid();
    value.put("autov3", "ABCDEF012345");

    assertThat(ModelMetadata.of(absent).autov3()).isNull();
    assertThat(ModelMetadata.of(checkedEmpty).autov3()).isEqualTo("");
    assertThat(ModelMetadata.of(value).autov3()).isEqualTo("abcdef012345");
  }

  @Test
  void loraDefaultsHashTheFileAndCarryUsageTips() {
    ObjectNode node = defaults(ModelType.LORA, "ab".repeat(32), "0123456789ab", null).toNode();

    List<String> expected = new ArrayList<>(COMMON_KEYS);
    expected.add("usage_tips");
    assertThat(keys(node)).containsExactlyElementsOf(expected);
    assertThat(node.get("file_name").asText()).isEqualTo("m");
    assertThat(node.get("model_name").asText()).isEqualTo("m");
    assertThat(node.get("size").asLong()).isEqualTo(42);
    assertThat(node.get("modified").asDouble()).isEqualTo(1700000000.5);
    assertThat(node.get("sha256").asText()).isEqualTo("ab".repeat(32));
    assertThat(node.get("base_model").asText()).isEqualTo("Unknown");
    assertThat(node.get("preview_url").asText()).isEqualTo("/lib/m.webp");
    assertThat(node.get("from_civitai").asBoolean()).isTrue();
    assertThat(node.get("hash_status").asText()).isEqualTo("completed");
    assertThat(node.get("autov3").asText()).isEqualTo("0123456789ab");
    assertThat(node.get("usage_tips").asText()).isEqualTo("{}");
    assertThat(node.get("metadata_source").isNull()).isTrue();
    assertThat(node.get("civitai").toString()).isEqualTo("{}");
    assertThat(node.get("tags").toString()).isEqualTo("[]");
  }

  @Test
  void checkpointDefaultsArePendingWithoutHashAndNotFromCivitai() {
    ObjectNode node =
        defaults(ModelType.CHECKPOINT, "ab".repeat(32), "", "diffusion_model").toNode();

    List<String> expected = new ArrayList<>(COMMON_KEYS);
    expected.add("sub_type");
    assertThat(keys(node)).containsExactlyElementsOf(expected);
    assertThat(node.get("sha256").asText()).isEqualTo("");
    assertThat(node.get("hash_status").asText()).isEqualTo("pending");
    assertThat(node.get("from_civitai").asBoolean()).isFalse();
    assertThat(node.get("sub_type").asText()).isEqualTo("diffusion_model");
    assertThat(node.get("autov3").isNull()).as("checked, no value").isTrue();
  }

  @Test
  void checkpointSubTypeDefaultsToCheckpoint() {
    ObjectNode node = defaults(ModelType.CHECKPOINT, "", null, null).toNode();

    assertThat(node.get("sub_type").asText()).isEqualTo("checkpoint");
  }

  @Test
  void embeddingDefaultsAreHashedWithSubTypeEmbedding() {
    ObjectNode node = defaults(ModelType.EMBEDDING, "cd".repeat(32), null, "ignored").toNode();

    List<String> expected = new ArrayList<>(COMMON_KEYS);
    expected.add("sub_type");
    assertThat(keys(node)).containsExactlyElementsOf(expected);
    assertThat(node.get("sha256").asText()).isEqualTo("cd".repeat(32));
    assertThat(node.get("hash_status").asText()).isEqualTo("completed");
    assertThat(node.get("from_civitai").asBoolean()).isTrue();
    assertThat(node.get("sub_type").asText()).isEqualTo("embedding");
  }

  @Test
  void typedGettersFallBackOnMissingOrWrongTypes() throws Exception {
    ObjectNode node = valid();
    node.put("favorite", "yes");
    node.putObject("notes");
    node.put("preview_nsfw_level", "high");
    node.putArray("civitai");
    node.putArray("tags").add("a").addNull().add(3).addObject();

    ModelMetadata meta = ModelMetadata.of(node);

    assertThat(meta.bool("favorite", false)).isFalse();
    assertThat(meta.text("notes", "fallback")).isEqualTo("fallback");
    assertThat(meta.text("missing", "fallback")).isEqualTo("fallback");
    assertThat(meta.longValue("preview_nsfw_level", 7)).isEqualTo(7);
    assertThat(meta.doubleValue("modified", 0)).isEqualTo(1700000000.0);
    assertThat(meta.civitai().isObject()).isTrue();
    assertThat(meta.civitai().isEmpty()).isTrue();
    assertThat(meta.strings("tags")).containsExactly("a", "3");
  }
}
