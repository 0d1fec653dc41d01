package io.loramanager.recipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LoRA-set fingerprint of anchor-recipes §1.6: {@code hash:strength} pairs of the LoRAs not
 * excluded, sorted and joined with {@code |}. Equal sets give equal fingerprints whatever the
 * order.
 */
public final class Fingerprint {

  private Fingerprint() {}

  public static String of(JsonNode loras) {
    if (loras == null || !loras.isArray()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    for (JsonNode lora : loras) {
      if (!lora.isObject() || lora.path("exclude").asBoolean(false)) {
        continue;
      }
      String key = text(lora.get("hash")).toLowerCase(Locale.ROOT);
      if (key.isEmpty()) {
        key = versionId(lora.get("modelVersionId"));
      }
      if (key.isEmpty()) {
        continue;
      }
      JsonNode strength = lora.has("strength") ? lora.get("strength") : lora.get("weight");
      pairs.add(key + ":" + pythonFloat(strength(strength)));
    }
    pairs.sort(null);
    return String.join("|", pairs);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText().trim() : "";
  }

  /** {@code str(modelVersionId)}; none and 0 (the "unknown" of stored entries) give "". */
  private static String versionId(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    if (node.isIntegralNumber()) {
      return node.asLong() == 0 ? "" : node.asText();
    }
    return node.isTextual() ? node.asText().trim() : "";
  }

  private static double strength(JsonNode node) {
    if (node == null || node.isNull()) {
      return 1.0;
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isTextual()) {
      try {
        return Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        return 1.0;
      }
    }
    return 1.0;
  }

  /** {@code repr(round(value, 2))} as Python prints it: {@code 0.7}, {@code 1.0}. */
  static String pythonFloat(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "1.0";
    }
    BigDecimal rounded = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN);
    BigDecimal plain = rounded.stripTrailingZeros();
    if (plain.scale() <= 0) {
      plain = plain.setScale(1);
    }
    return plain.toPlainString();
  }
}
