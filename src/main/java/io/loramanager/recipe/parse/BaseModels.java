package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recipe's base model: the checkpoint's, else the most frequent among its LoRAs (§2.6). */
final class BaseModels {

  private BaseModels() {}

  static String of(JsonNode checkpoint, List<? extends JsonNode> loras) {
    if (checkpoint != null && !checkpoint.path("baseModel").asText("").isEmpty()) {
      return checkpoint.path("baseModel").asText();
    }
    return mostCommon(loras);
  }

  /** The most frequent non-empty {@code baseModel}; the first seen wins a tie; null for none. */
  static String mostCommon(List<? extends JsonNode> loras) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (JsonNode lora : loras) {
      String base = lora.path("baseModel").asText("");
      if (!base.isEmpty()) {
        counts.merge(base, 1, Integer::sum);
      }
    }
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}
