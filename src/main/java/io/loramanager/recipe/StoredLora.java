package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Turns a parser LoRA entry ({@code name, weight, id, version, ...}) into the stored entry of
 * anchor-recipes §1.3 ({@code modelName, strength, modelVersionId, modelVersionName}); read-time
 * fields are dropped.
 */
final class StoredLora {

  private StoredLora() {}

  static ObjectNode of(JsonNode lora) {
    ObjectNode stored = JsonNodeFactory.instance.objectNode();
    String fileName = RecipeSaver.text(lora.get("file_name"));
    if (fileName.isEmpty()) {
      fileName = baseName(RecipeSaver.text(lora.get("localPath")));
    }
    stored.put("file_name", fileName);
    stored.put("hash", RecipeSaver.text(lora.get("hash")).toLowerCase(Locale.ROOT));
    stored.put(
        "strength", strength(lora.has("strength") ? lora.get("strength") : lora.get("weight")));
    stored.put(
        "modelVersionId", versionId(lora.has("id") ? lora.get("id") : lora.get("modelVersionId")));
    stored.put("modelName", first(lora, "name", "modelName"));
    stored.put("modelVersionName", first(lora, "version", "modelVersionName"));
    stored.put("isDeleted", lora.path("isDeleted").asBoolean(false));
    stored.put("exclude", lora.path("exclude").asBoolean(false));
    return stored;
  }

  private static String first(JsonNode lora, String key, String fallback) {
    String value = RecipeSaver.text(lora.get(key));
    return value.isEmpty() ? RecipeSaver.text(lora.get(fallback)) : value;
  }

  /** {@code float(weight or 1.0)}; a value that is not a number is 1.0. */
  private static double strength(JsonNode weight) {
    if (weight == null || weight.isNull()) {
      return 1.0;
    }
    if (weight.isNumber()) {
      return weight.asDouble() == 0 ? 1.0 : weight.asDouble();
    }
    try {
      double value = Double.parseDouble(weight.asText().trim());
      return value == 0 ? 1.0 : value;
    } catch (NumberFormatException e) {
      return 1.0;
    }
  }

  private static long versionId(JsonNode id) {
    if (id == null || id.isNull()) {
      return 0;
    }
    if (id.isIntegralNumber()) {
      return id.asLong();
    }
    try {
      return Long.parseLong(id.asText().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String baseName(String path) {
    if (path.isEmpty()) {
      return "";
    }
    String name = path.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
