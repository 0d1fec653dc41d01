package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LoRA fingerprint of anchor-recipes §1.6 over stored or parser entries: sorted {@code
 * hash:strength} pairs of the LoRAs not excluded, the hash falling back to the version id.
 */
public final class LoraFingerprint {

  private LoraFingerprint() {}

  public static String of(JsonNode loras) {
    List<String> pairs = new ArrayList<>();
    for (JsonNode lora : loras) {
      if (lora.path("exclude").asBoolean(false)) {
        continue;
      }
      String key = lora.path("hash").asText("").toLowerCase(Locale.ROOT);
      if (key.isEmpty()) {
        key = ParserEntries.versionId(lora);
        if (key.isEmpty() && lora.has("modelVersionId")) {
          key = lora.get("modelVersionId").asText("");
        }
      }
      if (key.isEmpty()) {
        continue;
      }
      JsonNode strength = lora.has("strength") ? lora.get("strength") : lora.get("weight");
      double value = 1.0;
      if (strength != null && strength.isNumber()) {
        value = strength.asDouble();
      } else if (strength != null && strength.isTextual()) {
        try {
          value = Double.parseDouble(strength.asText().trim());
        } catch (NumberFormatException e) {
          value = 1.0;
        }
      }
      pairs.add(key + ":" + ParserEntries.round2(value));
    }
    pairs.sort(null);
    return String.join("|", pairs);
  }
}
