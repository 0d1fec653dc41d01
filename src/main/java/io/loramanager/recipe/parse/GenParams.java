package io.loramanager.recipe.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;

/** The canonical generation keys (anchor-recipes §1.5) and the number conversions of §2.5. */
final class GenParams {

  static final List<String> KEYS =
      List.of(
          "prompt",
          "negative_prompt",
          "steps",
          "sampler",
          "cfg_scale",
          "seed",
          "size",
          "clip_skip",
          "denoising_strength");

  private GenParams() {}

  /** Python's {@code int(text)}: an integer node, or the trimmed text when it is not one. */
  static JsonNode integer(String text) {
    String trimmed = text.trim();
    try {
      BigInteger value = new BigInteger(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
      return value.bitLength() < 64
          ? JsonNodeFactory.instance.numberNode(value.longValue())
          : JsonNodeFactory.instance.numberNode(value);
    } catch (NumberFormatException e) {
      return JsonNodeFactory.instance.textNode(trimmed);
    }
  }

  /** Python's {@code float(text)}: a double node, or the trimmed text when it is not one. */
  static JsonNode decimal(String text) {
    String trimmed = text.trim();
    if (!trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return JsonNodeFactory.instance.textNode(trimmed);
    }
    return JsonNodeFactory.instance.numberNode(Double.parseDouble(trimmed));
  }

  /** Only the canonical keys, in canonical order, without nulls. */
  static ObjectNode canonical(ObjectNode params) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String key : KEYS) {
      JsonNode value = params.get(key);
      if (value != null && !value.isNull()) {
        out.set(key, value);
      }
    }
    return out;
  }
}
