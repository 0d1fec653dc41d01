package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The "Recipe metadata" JSON embedded into a recipe image (anchor-recipes §2.2): the fields another
 * LoRA Manager needs to re-import the recipe, without read-time state ({@code isDeleted}, {@code
 * exclude}, {@code inLibrary}).
 */
final class RecipeMetadataPayload {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private RecipeMetadataPayload() {}

  static ObjectNode of(JsonNode recipe) {
    ObjectNode payload = JSON.objectNode();
    payload.put("title", recipe.path("title").asText(""));
    payload.put("base_model", recipe.path("base_model").asText(""));
    payload.set("loras", loras(recipe.path("loras")));
    payload.set(
        "gen_params",
        recipe.path("gen_params").isObject() ? recipe.get("gen_params") : JSON.objectNode());
    payload.set("tags", recipe.path("tags").isArray() ? recipe.get("tags") : JSON.arrayNode());
    JsonNode checkpoint = recipe.path("checkpoint");
    if (checkpoint.isObject()) {
      payload.set("checkpoint", checkpoint(checkpoint));
    }
    return payload;
  }

  private static JsonNode loras(JsonNode loras) {
    var out = JSON.arrayNode();
    for (JsonNode lora : loras) {
      ObjectNode entry = out.addObject();
      entry.put("file_name", lora.path("file_name").asText(""));
      entry.put("hash", lora.path("hash").asText("").toLowerCase(Locale.ROOT));
      entry.put("strength", lora.path("strength").asDouble(1.0));
      entry.set(
          "modelVersionId",
          lora.path("modelVersionId").isMissingNode()
              ? JSON.nullNode()
              : lora.get("modelVersionId"));
      entry.put("modelName", lora.path("modelName").asText(""));
      entry.put("modelVersionName", lora.path("modelVersionName").asText(""));
    }
    return out;
  }

  private static ObjectNode checkpoint(JsonNode checkpoint) {
    ObjectNode out = JSON.objectNode();
    out.put("type", checkpoint.path("type").asText("checkpoint"));
    out.set(
        "modelId",
        checkpoint.path("modelId").isMissingNode() ? JSON.nullNode() : checkpoint.get("modelId"));
    JsonNode versionId =
        checkpoint.has("modelVersionId") ? checkpoint.get("modelVersionId") : checkpoint.get("id");
    out.set("modelVersionId", versionId == null ? JSON.nullNode() : versionId);
    out.put("modelName", firstText(checkpoint, "modelName", "name"));
    out.put("modelVersionName", firstText(checkpoint, "modelVersionName", "version"));
    out.put("hash", checkpoint.path("hash").asText("").toLowerCase(Locale.ROOT));
    out.put("file_name", checkpoint.path("file_name").asText(""));
    out.put("baseModel", checkpoint.path("baseModel").asText(""));
    return out;
  }

  private static String firstText(JsonNode node, String key, String fallback) {
    String value = node.path(key).asText("");
    return value.isEmpty() ? node.path(fallback).asText("") : value;
  }
}
