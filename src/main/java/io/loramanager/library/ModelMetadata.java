package io.loramanager.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.JsonMapperSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A {@code NAME.metadata.json} sidecar (anchor-library §1.4) as a JSON tree, so that every key,
 * known or not, survives a save in its place. Typed getters apply the reference defaults.
 */
public final class ModelMetadata {

  /** Keys the reference requires; a sidecar missing one is corrupt and is never overwritten. */
  static final List<String> REQUIRED =
      List.of(
          "file_name",
          "model_name",
          "file_path",
          "size",
          "modified",
          "sha256",
          "base_model",
          "preview_url");

  private final ObjectNode node;

  private ModelMetadata(ObjectNode node) {
    this.node = node;
  }

  /** Wraps a parsed sidecar, checking the required keys. */
  public static ModelMetadata of(ObjectNode node) throws CorruptSidecarException {
    List<String> missing = new ArrayList<>();
    for (String key : REQUIRED) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new CorruptSidecarException("missing required field(s) " + String.join(", ", missing));
    }
    if (!node.get("size").isNumber() || !node.get("modified").isNumber()) {
      throw new CorruptSidecarException("'size' and 'modified' must be numbers");
    }
    return new ModelMetadata(node);
  }

  /** The sidecar the reference writes for a model that has none (anchor-library §1.4). */
  public static ModelMetadata createDefault(NewModel model) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("file_name", model.fileName());
    node.put("model_name", model.fileName());
    node.put("file_path", model.filePath());
    node.put("size", model.size());
    node.put("modified", JsonMapperSettings.plain(model.modified()));
    boolean checkpoint = model.type() == ModelType.CHECKPOINT;
    node.put("sha256", checkpoint ? "" : model.sha256());
    node.put("base_model", "Unknown");
    node.put("preview_url", model.previewUrl());
    node.put("preview_nsfw_level", 0);
    node.put("notes", "");
    node.put("from_civitai", !checkpoint);
    node.putObject("civitai");
    node.putArray("tags");
    node.put("modelDescription", "");
    node.put("civitai_deleted", false);
    node.put("favorite", false);
    node.put("exclude", false);
    node.put("db_checked", false);
    node.put("skip_metadata_refresh", false);
    node.putNull("metadata_source");
    node.put("last_checked_at", 0);
    node.put("hash_status", checkpoint ? "pending" : "completed");
    if (model.autov3() == null || model.autov3().isEmpty()) {
      node.putNull("autov3");
    } else {
      node.put("autov3", model.autov3());
    }
    node.putArray("trainedWords");
    switch (model.type()) {
      case LORA -> node.put("usage_tips", "{}");
      case CHECKPOINT ->
          node.put("sub_type", model.subType() == null ? "checkpoint" : model.subType());
      case EMBEDDING -> node.put("sub_type", "embedding");
    }
    return new ModelMetadata(node);
  }

  /** What a default sidecar is made from. */
  public record NewModel(
      ModelType type,
      String fileName,
      String filePath,
      long size,
      double modified,
      String sha256,
      String previewUrl,
      String autov3,
      String subType) {}

  /** The tree to save: keys starting with {@code _} are dropped as the reference does. */
  public ObjectNode toNode() {
    ObjectNode copy = node.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = copy.fields();
    while (fields.hasNext()) {
      if (fields.next().getKey().startsWith("_")) {
        fields.remove();
      }
    }
    return copy;
  }

  /** The live tree, for edits. */
  public ObjectNode node() {
    return node;
  }

  public String text(String key, String fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    return value.isValueNode() ? value.asText() : fallback;
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode value = node.get(key);
    return value != null && value.isBoolean() ? value.asBoolean() : fallback;
  }

  public long longValue(String key, long fallback) {
    JsonNode value = node.get(key);
    return value != null && value.isNumber() ? value.asLong() : fallback;
  }

  public double doubleValue(String key, double fallback) {
    JsonNode value = node.get(key);
    return value != null && value.isNumber() ? value.asDouble() : fallback;
  }

  /** {@code autov3} in its three states: null (absent), "" (JSON null), or the value. */
  public String autov3() {
    JsonNode value = node.get("autov3");
    if (value == null) {
      return null;
    }
    return value.isNull() ? "" : value.asText().toLowerCase(java.util.Locale.ROOT);
  }

  public List<String> strings(String key) {
    return strings(node.get(key));
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode item : array) {
        if (item.isValueNode() && !item.isNull()) {
          out.add(item.asText());
        }
      }
    }
    return out;
  }

  /** The {@code civitai} object, or an empty node. */
  public JsonNode civitai() {
    JsonNode civitai = node.get("civitai");
    return civitai != null && civitai.isObject() ? civitai : JsonNodeFactory.instance.objectNode();
  }
}
