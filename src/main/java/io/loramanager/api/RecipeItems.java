package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.recipe.store.Recipe;

/**
 * The HTTP form of a recipe view: {@code file_url} for its media and preview URLs in place of the
 * preview file paths of linked LoRAs and the checkpoint (previews are served by {@code
 * /api/lm/previews}).
 */
final class RecipeItems {

  private RecipeItems() {}

  static ObjectNode of(ObjectNode view) {
    view.put("file_url", ModelItems.previewUrl(view.path("file_path").asText("")));
    JsonNode loras = view.get("loras");
    if (loras != null && loras.isArray()) {
      loras.forEach(RecipeItems::previewUrl);
    }
    previewUrl(view.get("checkpoint"));
    return view;
  }

  /** The short form of duplicate groups: id, title, file_url, dates and the LoRA count. */
  static java.util.Map<String, Object> summary(Recipe recipe) {
    java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
    item.put("id", recipe.id());
    item.put("title", recipe.title());
    item.put("file_url", ModelItems.previewUrl(recipe.filePath()));
    item.put("modified", recipe.json().get("modified"));
    item.put("created_date", recipe.json().get("created_date"));
    item.put("lora_count", recipe.loras().size());
    return item;
  }

  private static void previewUrl(JsonNode node) {
    if (node instanceof ObjectNode object && object.path("preview_url").isTextual()) {
      object.put("preview_url", ModelItems.previewUrl(object.get("preview_url").asText()));
    }
  }
}
