package io.loramanager.recipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One recipe as stored: the whole {@code <id>.recipe.json} tree (unknown keys included), where it
 * lies and the stamp of its file. Treat {@link #json} as read-only: a change makes a new recipe
 * from {@link #copyJson}.
 *
 * @param folder the file's folder relative to the recipes root, forward slashes, "" for the root
 * @param fileMtimeMs modification time of the JSON file when it was read or written
 */
public record Recipe(
    String id, Path jsonPath, String folder, long fileMtimeMs, long fileSize, ObjectNode json) {

  public ObjectNode copyJson() {
    return json.deepCopy();
  }

  public String title() {
    return text(json.get("title"));
  }

  public String filePath() {
    return text(json.get("file_path"));
  }

  public String baseModel() {
    return text(json.get("base_model"));
  }

  public String sourcePath() {
    return text(json.get("source_path"));
  }

  public String fingerprint() {
    return text(json.get("fingerprint"));
  }

  public boolean favorite() {
    return json.path("favorite").asBoolean(false);
  }

  public int nsfwLevel() {
    return json.path("preview_nsfw_level").asInt(0);
  }

  /** {@code modified}, else {@code created_date}: the date sort key. */
  public double sortDate() {
    JsonNode modified = json.get("modified");
    if (modified != null && modified.isNumber() && modified.asDouble() != 0) {
      return modified.asDouble();
    }
    return json.path("created_date").asDouble(0);
  }

  public double modified() {
    return json.path("modified").asDouble(0);
  }

  public double createdDate() {
    return json.path("created_date").asDouble(0);
  }

  public List<String> tags() {
    return texts(json.get("tags"));
  }

  /** The LoRA entries; {@code []} when missing (as the reference loader defaults it). */
  public List<JsonNode> loras() {
    JsonNode loras = json.get("loras");
    List<JsonNode> out = new ArrayList<>();
    if (loras != null && loras.isArray()) {
      loras.forEach(out::add);
    }
    return out;
  }

  /** The checkpoint object, or null (legacy strings and lists are read as objects). */
  public JsonNode checkpoint() {
    JsonNode checkpoint = json.get("checkpoint");
    if (checkpoint != null && checkpoint.isArray() && checkpoint.size() == 1) {
      checkpoint = checkpoint.get(0);
    }
    if (checkpoint != null && checkpoint.isTextual() && !checkpoint.asText().isBlank()) {
      ObjectNode legacy = json.objectNode();
      legacy.put("name", checkpoint.asText());
      legacy.put("file_name", checkpoint.asText());
      return legacy;
    }
    return checkpoint != null && checkpoint.isObject() ? checkpoint : null;
  }

  public JsonNode genParams() {
    JsonNode params = json.get("gen_params");
    return params != null && params.isObject() ? params : json.objectNode();
  }

  /** A generation parameter as text ("" when absent), with the reference's aliases. */
  public String genParam(String key) {
    JsonNode value = GenParamAliases.value(genParams(), key);
    return value == null || value.isNull() ? "" : value.asText();
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText();
  }

  static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        if (item.isTextual()) {
          out.add(item.asText());
        }
      }
    }
    return out;
  }
}
